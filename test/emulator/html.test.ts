import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';

function htmlService(bundleDir = 'dist') {
  const emu = createEmulator({ now: '2024-03-15T10:00:00Z', bundleDir });
  const HtmlService = emu.globals().HtmlService as any;
  return { emu, HtmlService };
}

describe('HtmlService templates', () => {
  it('runs scriptlets, escapes printed values and force-prints raw ones', () => {
    const { HtmlService } = htmlService();
    const template = HtmlService.createTemplate(
      '<ul><? for (var i = 0; i < clients.length; i++) { ?><li><?= clients[i] ?></li><? } ?></ul><?!= banner ?>',
    );
    template.clients = ['Ann & Co', '<script>x</script>'];
    template.banner = '<b>raw</b>';
    const output = template.evaluate();
    expect(output.getContent()).toBe('<ul><li>Ann &amp; Co</li><li>&lt;script&gt;x&lt;/script&gt;</li></ul><b>raw</b>');
  });

  it('prints nothing for null and undefined, and shows its code', () => {
    const { HtmlService } = htmlService();
    const template = HtmlService.createTemplate('[<?= missing ?>][<?= zero ?>]');
    template.missing = null;
    template.zero = 0;
    expect(template.evaluate().getContent()).toBe('[][0]');
    expect(template.getCode()).toContain('output.appendUntrusted(__print(missing));');
  });

  it("reads pushed files by name, with Google's error for a missing one", () => {
    const dir = mkdtempSync(join(tmpdir(), 'html-'));
    writeFileSync(join(dir, 'Sidebar.html'), '<p><?= greeting ?></p>');
    const { HtmlService } = htmlService(dir);
    expect(HtmlService.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<p><?= greeting ?></p>');
    const template = HtmlService.createTemplateFromFile('Sidebar');
    template.greeting = 'Привет';
    expect(template.evaluate().getContent()).toBe('<p>Привет</p>');
    expect(() => HtmlService.createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
  });
});

describe('HtmlOutput', () => {
  it('keeps title, size, meta tags and appended content; appendUntrusted escapes', () => {
    const { emu, HtmlService } = htmlService();
    const output = HtmlService.createHtmlOutput('<h1>CRM</h1>')
      .setTitle('Studio CRM')
      .setWidth(300)
      .setHeight(420.7)
      .append('<p>ok</p>')
      .appendUntrusted('<i>')
      .addMetaTag('viewport', 'width=device-width')
      .setSandboxMode(HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL);
    expect(output.getContent()).toBe('<h1>CRM</h1><p>ok</p>&lt;i&gt;');
    expect([output.getTitle(), output.getWidth(), output.getHeight()]).toEqual(['Studio CRM', 300, 420]);
    expect(output.getMetaTags()[0].getName()).toBe('viewport');
    expect(emu.html.page(output)).toMatchObject({ title: 'Studio CRM', xFrameOptionsMode: 'ALLOWALL' });
    expect(() => output.addMetaTag('description', 'x')).toThrow('not allowed');
  });

  it("rejects arguments of the wrong type with Google's signature message", () => {
    const { HtmlService } = htmlService();
    expect(() => HtmlService.createHtmlOutput(42)).toThrow(
      "The parameters (number) don't match the method signature for HtmlService.createHtmlOutput.",
    );
    expect(() => HtmlService.createHtmlOutput().setSandboxMode('IFRAME')).toThrow("don't match the method signature");
  });

  it('counts script calls but not the writes a template makes', () => {
    const { emu, HtmlService } = htmlService();
    const template = HtmlService.createTemplate('<?= 1 ?><?= 2 ?>');
    template.evaluate();
    expect(emu.rt.snapshotCounts()).toEqual({ 'HtmlService.createTemplate': 1, 'HtmlTemplate.evaluate': 1 });
  });
});

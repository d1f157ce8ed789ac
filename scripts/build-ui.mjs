// Sidebar and dialogs: each src/ui/<page>.html with its <page>.ts bundled by esbuild and its CSS inlined,
// because HtmlService serves single files.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const uiDir = 'src/ui';
mkdirSync('dist', { recursive: true });

for (const file of readdirSync(uiDir).filter((name) => name.endsWith('.html'))) {
  const page = file.replace(/\.html$/, '');
  let html = readFileSync(join(uiDir, file), 'utf8');
  const cssPath = join(uiDir, `${page}.css`);
  const entry = join(uiDir, `${page}.ts`);
  if (existsSync(cssPath))
    html = html.replace('<!-- inline:style -->', () => `<style>\n${readFileSync(cssPath, 'utf8')}</style>`);
  if (existsSync(entry)) {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      target: 'es2020',
      write: false,
      charset: 'utf8',
      legalComments: 'none',
    });
    const script = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
    // HtmlService would read "<?" inside the script as a scriptlet.
    if (script.includes('<?'))
      throw new Error(`${entry}: the bundled script contains "<?", which HtmlService treats as a scriptlet`);
    html = html.replace('<!-- inline:script -->', () => `<script>\n${script}</script>`);
  }
  writeFileSync(join('dist', file), html);
  console.log(`dist/${file}: ${(html.length / 1024).toFixed(1)} KB`);
}

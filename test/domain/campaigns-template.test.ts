import { describe, expect, it } from 'vitest';
import { clientMergeValues, firstNameOf, knownFieldNames } from '../../src/domain/campaigns/fields';
import { htmlToText, isSafeLink } from '../../src/domain/campaigns/html';
import { checkTemplate, parseTemplate, previewProblems, render } from '../../src/domain/campaigns/template';
import type { Client } from '../../src/domain/types';

function client(overrides: Partial<Client> = {}): Client {
  return {
    id: 'C-1',
    name: 'Anna Smith',
    email: 'anna@example.com',
    twitch: 'annastreams',
    topic: 'art',
    country: 'DE',
    city: 'Berlin',
    birthday: null,
    source: '',
    consentAt: new Date(2026, 0, 1),
    consentVersion: 'v1',
    unsubscribedAt: null,
    bouncedAt: null,
    createdAt: new Date(2026, 0, 1),
    referralCode: 'ANNA42',
    referredBy: '',
    locale: 'en',
    notes: '',
    extra: {},
    ...overrides,
  };
}

describe('render', () => {
  it('fills fields case- and space-insensitively and uses fallbacks only when the value is empty', () => {
    const template = parseTemplate('Hi {{ First Name | friend }}, you have {{POINTS}} points in {{ city }}.');
    expect(
      render(template, { first_name: 'Anna', points: 120, Город: 'x', city: 'Berlin' }, { html: false }).body,
    ).toBe('Hi Anna, you have 120 points in Berlin.');
    const empty = render(template, { first_name: '  ', points: 0, city: 'Berlin' }, { html: false });
    expect(empty.body).toBe('Hi friend, you have 0 points in Berlin.');
    expect(empty.missing).toEqual([]);
  });

  it('reports a field with neither value nor fallback once and leaves it empty', () => {
    const result = render(parseTemplate('{{tier}} / {{Tier}} / {{name|x}}'), {}, { html: false });
    expect(result.body).toBe(' /  / x');
    expect(result.missing).toEqual(['tier']);
  });

  it('escapes a script in a client name in HTML and leaves plain text as written', () => {
    const template = parseTemplate('<p>Привет, {{first_name|друг}}!</p>');
    const evil = `<script>alert("x")</script>&'`;
    const html = render(template, { first_name: evil }, { html: true });
    expect(html.body).toBe('<p>Привет, &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;!</p>');
    expect(html.body).not.toContain('<script>');
    expect(html.text).toBe(`Привет, ${evil}!`);
    expect(render(parseTemplate('Привет, {{first_name|друг}}!'), {}, { html: false }).body).toBe('Привет, друг!');
  });

  it('cannot break out of a quoted or unquoted attribute', () => {
    const quoted = render(parseTemplate('<img alt="{{name}}">'), { name: '" onerror="alert(1)' }, { html: true }).body;
    expect(quoted).toBe('<img alt="&quot; onerror=&quot;alert(1)">');
    const bare = render(parseTemplate('<img alt={{name}}>'), { name: 'x onerror=alert(1)' }, { html: true }).body;
    expect(bare).not.toMatch(/\sonerror=/);
  });

  it('keeps http(s) and mailto links and turns any other scheme into #', () => {
    const template = parseTemplate(
      '<a href="{{feedback_link}}">Rate us</a> <a href={{unsubscribe_link}}>Unsubscribe</a>',
    );
    const good = render(
      template,
      { feedback_link: 'https://forms.example/x?a=1&b=2', unsubscribe_link: 'https://studio.example/u?t=a.b' },
      { html: true },
    );
    expect(good.body).toBe(
      '<a href="https://forms.example/x?a=1&amp;b=2">Rate us</a> <a href=https://studio.example/u?t=a.b>Unsubscribe</a>',
    );
    for (const attack of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'java&#x73;cript:alert(1)',
      'data:text/html,<b>',
      'vbscript:x',
    ]) {
      const body = render(template, { feedback_link: attack, unsubscribe_link: attack }, { html: true }).body;
      expect(body).toBe('<a href="#">Rate us</a> <a href="#">Unsubscribe</a>');
    }
    expect(render(parseTemplate('<a href="javascript:void(0)">x</a>'), {}, { html: true }).body).toBe(
      '<a href="#">x</a>',
    );
  });

  it('URL-encodes a value in the middle of a link', () => {
    const body = render(
      parseTemplate('<a href="https://studio.example/r?code={{referral_code}}">x</a>'),
      { referral_code: 'A&B "c"' },
      { html: true },
    ).body;
    expect(body).toBe('<a href="https://studio.example/r?code=A%26B%20%22c%22">x</a>');
  });
});

describe('htmlToText', () => {
  it('turns links into text (url), br and p into line breaks, lists into dashes', () => {
    const html = `<html><head><style>p{color:red}</style></head><body>
      <h1>Hello&nbsp;Anna</h1><p>Line one<br>Line   two</p>
      <ul><li>Emotes</li><li>Badges</li></ul>
      <p><a href="https://studio.example/?a=1&amp;b=2">Our <b>shop</b></a> or <a href="mailto:hi@studio.example">hi@studio.example</a></p>
      <!-- hidden --><p>&laquo;Bye&raquo; &amp; thanks</p></body></html>`;
    expect(htmlToText(html)).toBe(
      'Hello Anna\n\nLine one\nLine two\n\n- Emotes\n- Badges\n\nOur shop (https://studio.example/?a=1&b=2) or hi@studio.example\n\n«Bye» & thanks',
    );
  });

  it('drops an unsafe link but keeps its text', () => {
    expect(htmlToText('<a href="javascript:alert(1)">Click</a>')).toBe('Click');
    expect(isSafeLink('https://x.example')).toBe(true);
    expect(isSafeLink('https:')).toBe(false);
  });
});

describe('checkTemplate and previewProblems', () => {
  const template = parseTemplate('{{first_name|друг}}, {{tier}}, {{Любимая игра}}, {{discount_code}}, {{nonsense}}');

  it('finds fields no one knows, by folded name', () => {
    const known = knownFieldNames(['Любимая игра']);
    expect(checkTemplate(template, known)).toEqual(['nonsense']);
    expect(checkTemplate(parseTemplate('{{Город}} {{City}} {{e-mail}} {{Имя}}'), knownFieldNames([]))).toEqual([]);
  });

  it('lists per recipient the fields with no value and no fallback', () => {
    const problems = previewProblems(template, [
      { clientId: 'C-1', values: { tier: 'gold', 'любимая игра': 'Dota', discount_code: 'X1', nonsense: '1' } },
      { clientId: 'C-2', values: { tier: '', 'Любимая  игра': 'CS' } },
      { clientId: 'C-3', values: {} },
    ]);
    expect(problems).toEqual([
      { clientId: 'C-2', missing: ['tier', 'discount_code', 'nonsense'] },
      { clientId: 'C-3', missing: ['tier', 'Любимая игра', 'discount_code', 'nonsense'] },
    ]);
  });
});

describe('first names and client values', () => {
  it.each([
    ['Anna Smith', 'Anna'],
    ['Иван Иванов', 'Иван'],
    ['Иванов Иван', 'Иван'],
    ['Петрова Мария', 'Мария'],
    ['Иванов Иван Иванович', 'Иван'],
    ['Мария Петровна Соколова', 'Мария'],
    ['Марина Петрова', 'Марина'],
    ['xXSniperXx', 'xXSniperXx'],
    ['  ', ''],
  ])('%s → %s', (name, expected) => {
    expect(firstNameOf({ name, extra: {} })).toBe(expected);
  });

  it('prefers a First name column', () => {
    expect(firstNameOf({ name: 'Иванов Иван', extra: { 'Имя для письма': 'Ваня' } })).toBe('Ваня');
  });

  it('exposes Clients columns by en and ru headers and staff columns by their header', () => {
    const values = clientMergeValues(
      client({ birthday: new Date(2001, 2, 9), extra: { 'Любимая игра': 'Dota' } }),
      { points: 120, tier: 'Gold' },
      'ru',
    );
    const body = render(
      parseTemplate(
        '{{Город}} {{city}} {{День рождения}} {{любимая игра}} {{points}} {{tier}} {{first_name}} {{referral_code}}',
      ),
      values,
      { html: false },
    ).body;
    expect(body).toBe('Berlin Berlin 09.03.2001 Dota 120 Gold Anna ANNA42');
  });
});

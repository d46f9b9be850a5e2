import { describe, expect, it } from 'vitest';
import { compareRevisions } from './compare.ts';
import { renderMarkdown } from './markdown.ts';

// Known XSS payloads (OWASP filter evasion cheat sheet and common Markdown-specific ones).
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<img src="jav&#x09;ascript:alert(1)">',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">点击</a>',
  '<a href="JaVaScRiPt:alert(1)">点击</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">点击</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点击</a>',
  '<a href="vbscript:msgbox(1)">点击</a>',
  '[点击](javascript:alert(1))',
  '[点击](JAVASCRIPT:alert(1))',
  '[点击](  javascript:alert(1))',
  '[点击](data:text/html,<script>alert(1)</script>)',
  '![图](javascript:alert(1))',
  '![图](x" onerror="alert(1))',
  '[a](<javascript:alert(1)>)',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="expression(alert(1))">x</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="javascript:alert(1)"><button>提交</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<style>@import "javascript:alert(1)";</style>',
  '"><script>alert(1)</script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<a id="x" name="document">覆盖全局</a>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];

/** Nothing that can run script survives: no script-bearing elements, no event handlers, no script URLs. */
function assertInert(html: string) {
  // Only markup can run: text is escaped (a literal "<" in text comes out as &#x3C;), so check the tags.
  expect(html).not.toMatch(/<(?![a-z/])/i);
  const lower = (html.match(/<[^>]*>/g) ?? []).join(' ').toLowerCase();
  expect(lower).not.toMatch(/<\s*(script|iframe|object|embed|svg|math|form|input|button|meta|base|link|style|body|details|noscript)\b/);
  expect(lower).not.toMatch(/\son[a-z]+\s*=/);
  expect(lower).not.toMatch(/(href|src|action|data)\s*=\s*["']?\s*(javascript|vbscript|data):/);
  expect(lower).not.toMatch(/style\s*=/);
  expect(lower).not.toMatch(/\sid="(?!md-)/);
  expect(lower).not.toMatch(/\sname="(?!md-)/);
}

describe('renderMarkdown', () => {
  it.each(PAYLOADS)('leaves nothing executable of %s', (payload) => {
    assertInert(renderMarkdown(payload));
    assertInert(renderMarkdown(`正文第一段。\n\n${payload}\n\n正文第二段。`));
  });

  it('keeps what notices need: headings, lists, tables, emphasis, safe links', () => {
    const html = renderMarkdown(
      '## 一、总体要求\n\n1. 全员核酸检测\n2. **居家**隔离\n\n| 区县 | 人数 |\n| --- | --- |\n| 藁城区 | 217 |\n\n详见[市政府网站](https://www.sjz.gov.cn/)。',
    );
    expect(html).toContain('<h2>一、总体要求</h2>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<strong>居家</strong>');
    expect(html).toContain('<td>藁城区</td>');
    expect(html).toContain('<a href="https://www.sjz.gov.cn/">市政府网站</a>');
  });
});

describe('compareRevisions', () => {
  const base = {
    title: '通告',
    issuer: '石家庄市人民政府',
    issuedOn: '2021-01-15',
    category: 'notice' as const,
    bodyMd: '全市新增确诊病例48例。',
    changeReason: null,
    attachments: [],
  };

  /** The characters of one side marked as changed, run together. */
  const changedText = (side: Array<{ text: string; changed: boolean }>) =>
    side
      .filter((s) => s.changed)
      .map((s) => s.text)
      .join('');

  it('marks the changed characters on each side', () => {
    const fields = compareRevisions(base, { ...base, bodyMd: '全市新增确诊病例45例。', changeReason: '更正数字' });
    const body = fields.find((f) => f.field === 'bodyMd')!;
    expect(body.same).toBe(false);
    expect(changedText(body.left)).toBe('8');
    expect(changedText(body.right)).toBe('5');
    expect(body.left.map((s) => s.text).join('')).toBe(base.bodyMd);
    expect(fields.find((f) => f.field === 'title')!.same).toBe(true);
    expect(fields.find((f) => f.field === 'changeReason')!.right).toEqual([{ text: '更正数字', changed: true }]);
  });
});

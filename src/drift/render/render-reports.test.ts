import { describe, expect, it } from 'vitest';
import { categoricalResult, numericResult, sampleReport } from '../../../tests/support/drift/sample-report.js';
import { formatNumber } from './format-number.js';
import { renderHtmlReport } from './render-html-report.js';
import { JSON_REPORT_KIND, renderJsonReport } from './render-json-report.js';
import { renderMarkdownReport } from './render-markdown-report.js';

const sources = { reference: 'train.csv', current: 'prod <week 3>.csv', generatedAt: '2026-11-26T23:00:00.000Z' };
const report = sampleReport(
  [numericResult('small', 0.02), numericResult('large', 0.7), categoricalResult('city|code', 0.3)],
  {
    performance: {
      task: 'classification',
      metric: 'error_rate',
      labelledCount: 900,
      reference: 0.1,
      current: 0.2,
      referenceMetrics: { accuracy: 0.9, auc: 0.95 },
      currentMetrics: { accuracy: 0.8, auc: null },
      test: 'z',
      statistic: 5.1,
      pValue: 1e-7,
      threshold: 0.01,
      degradation: 0.1,
      minDegradation: 0.05,
      drifted: true,
    },
  },
);

describe('renderJsonReport', () => {
  it('is the report plus kind, sources and time, and parses back to the same values', () => {
    const parsed = JSON.parse(renderJsonReport(report, sources)) as Record<string, unknown>;
    expect(parsed.kind).toBe(JSON_REPORT_KIND);
    expect(parsed.formatVersion).toBe(1);
    expect(parsed.sources).toEqual({ reference: 'train.csv', current: 'prod <week 3>.csv' });
    expect(parsed.generatedAt).toBe(sources.generatedAt);
    const { kind: _kind, sources: _sources, generatedAt: _time, ...rest } = parsed;
    expect(rest).toEqual(JSON.parse(JSON.stringify(report)));
    const feature = (parsed.features as Record<string, unknown>[])[0];
    for (const field of [
      'name',
      'kind',
      'test',
      'statistic',
      'pValue',
      'distance',
      'threshold',
      'effectSize',
      'drifted',
    ]) {
      expect(feature).toHaveProperty(field);
    }
  });
});

describe('renderMarkdownReport', () => {
  const markdown = renderMarkdownReport(report, sources);
  it('lists features by effect size, escaping pipes', () => {
    const order = ['| large |', '| city\\|code |', '| small |'].map((needle) => markdown.indexOf(needle));
    expect(order.every((index) => index > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
  it('has the summary, performance and data quality', () => {
    expect(markdown).toContain('- **Drifted features:** 2 of 3 tested (share 66.7 %');
    expect(markdown).toContain('- **Performance drift:** YES (error_rate 0.1 → 0.2, z p=1.0e-7, 900 labelled rows)');
    expect(markdown).toContain(
      '| city | unseen_category | warning | 12 of 900 | values not seen in the reference \\| e.g. "Oslo" |',
    );
  });
});

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(report, sources);
  it('is self-contained: no script, no external link, no CDN', () => {
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    const urls = html.match(/https?:\/\/[^"' )]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });
  it('escapes names and values', () => {
    expect(html).toContain('prod &lt;week 3&gt;.csv');
    expect(html).toContain('cat &lt;0&gt;');
    expect(html).not.toContain('<b>');
  });
  it('shows the verdict and sorts features by effect size with one chart each', () => {
    expect(html).toContain('Dataset drift detected');
    const positions = ['<td>large</td>', '<td>city|code</td>', '<td>small</td>'].map((needle) => html.indexOf(needle));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(html.match(/<svg /g)).toHaveLength(3);
  });
  it('stays under 2 MB for 100 features with 50-bin histograms and 200 categories', () => {
    const many = sampleReport(
      Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0 ? numericResult(`numeric_${i}`, i / 100, 50) : categoricalResult(`category_${i}`, i / 100, 200),
      ),
    );
    const size = Buffer.byteLength(renderHtmlReport(many, sources));
    expect(size).toBeLessThan(2 * 1024 * 1024);
    expect(size).toBeGreaterThan(100 * 1024);
  });
});

describe('formatNumber', () => {
  it.each([
    [null, '—'],
    [0, '0'],
    [42, '42'],
    [0.123456, '0.1235'],
    [0.00001234, '1.2e-5'],
    [-3.14159, '-3.142'],
    [12345.678, '12350'],
  ])('%s → %s', (value, text) => expect(formatNumber(value)).toBe(text));
});

describe('p-value columns name the multiple-testing correction (issue 14 item 17)', () => {
  const raw = formatNumber(0.000012345);
  const adjusted = formatNumber(0.00012345);

  it('HTML shows the raw p-value and the Benjamini–Hochberg-adjusted one, labelled as such', () => {
    const html = renderHtmlReport(report, sources);
    expect(html).toContain('<th>p-value (raw)</th><th>p-value (Benjamini–Hochberg-adjusted)</th>');
    expect(html).toContain(`<td class="num">${raw}</td><td class="num">${adjusted}</td>`);
    expect(html).not.toContain('<th>p-value</th>');
  });

  it('Markdown does the same', () => {
    const md = renderMarkdownReport(report, sources);
    expect(md).toContain('| p-value (raw) | p-value (Benjamini–Hochberg-adjusted) |');
    expect(md).toContain(`| ${raw} | ${adjusted} |`);
  });

  it('Bonferroni is named; without a correction there is one p-value column', () => {
    expect(renderHtmlReport({ ...report, correction: 'bonferroni' }, sources)).toContain(
      '<th>p-value (Bonferroni-adjusted)</th>',
    );
    const none = renderHtmlReport({ ...report, correction: 'none' }, sources);
    expect(none).toContain('<th>p-value</th>');
    expect(none).not.toContain('adjusted');
  });
});

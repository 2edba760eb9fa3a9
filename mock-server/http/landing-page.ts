import express from 'express';
import { defaultText } from '../options/cli-options.js';
import { OPTION_TABLE } from '../options/option-table.js';
import { consentRatesOf, type MockOptions } from '../options/mock-options.js';

const LINKS: readonly (readonly [href: string, label: string])[] = [
  ['/swagger/', 'Swagger UI: try V4.Contacts and the control API'],
  ['/openapi.json', 'V4 Contacts contract (JSON)'],
  ['/openapi.yaml', 'V4 Contacts contract (YAML)'],
  ['/__mock/openapi.json', 'Mock control API contract (JSON)'],
  ['/__mock/requests', 'Request journal'],
  ['/healthz', 'Health'],
];

function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function shown(value: unknown): string {
  if (value === undefined) return 'off';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  if (typeof value === 'object' && value !== null) {
    if ('requests' in value && 'windowMs' in value) return `${value.requests} per ${Number(value.windowMs) / 1000} s`;
    if ('minMs' in value && 'maxMs' in value) return `${value.minMs}-${value.maxMs} ms`;
  }
  return String(value);
}

/** Every setting of the option table with the value this mock runs with (secrets only as set or not). */
export function settingRows(options: MockOptions): [string, string][] {
  const rates = consentRatesOf(options);
  return OPTION_TABLE.filter((spec) => !spec.field.startsWith('serve.')).map((spec): [string, string] => {
    const [head, type] = spec.field.split('.') as [string, string | undefined];
    const value =
      head === 'consentRates'
        ? rates[type as keyof typeof rates]
        : type === undefined
          ? options[head as keyof MockOptions]
          : (options[head as keyof MockOptions] as Record<string, unknown>)[type];
    if (spec.secret) {
      const count = Array.isArray(value) ? value.length : value === undefined ? 0 : 1;
      return [`--${spec.flag}`, count === 0 ? defaultText(spec) : `${count} set`];
    }
    return [`--${spec.flag}`, shown(value)];
  });
}

export function landingPageHtml(options: MockOptions): string {
  const rows = settingRows(options)
    .map(([label, value]) => `      <tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  const links = LINKS.map(
    ([href, label]) => `      <li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`,
  ).join('\n');
  const firstAgency = options.shortNames[0] ?? 'demo';
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>agentos-contacts-kit mock</title>
    <link rel="icon" type="image/png" href="/swagger/favicon-32x32.png" sizes="32x32" />
    <style>
      body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
      table { border-collapse: collapse; }
      th, td { text-align: left; padding: 0.2rem 1.2rem 0.2rem 0; border-bottom: 1px solid #ddd; font-weight: normal; }
      th { color: #555; }
      code { background: #f3f3f3; padding: 0 0.2rem; }
    </style>
  </head>
  <body>
    <h1>agentos-contacts-kit: a mock of agentOS's V4 Contacts API</h1>
    <p>Seeded, consent-aware data under <code>/v4/contacts/${escapeHtml(firstAgency)}/…</code>.
      Each request there needs an <code>api_key</code> header or query parameter.</p>
    <h2>What is running</h2>
    <table>
${rows}
    </table>
    <h2>Links</h2>
    <ul>
${links}
    </ul>
  </body>
</html>
`;
}

/** `GET /`: what this mock is serving, and where its UI, contracts and journal are. */
export function landingPage(options: MockOptions) {
  const router = express.Router();
  const html = landingPageHtml(options);
  router.get('/', (_request, response) => {
    response.type('html').send(html);
  });
  return router;
}

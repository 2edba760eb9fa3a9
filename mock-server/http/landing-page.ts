import express from 'express';
import { CONTACT_TYPE_KEYS, CONTACT_TYPES } from '../../fixtures/contact-types.js';
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

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** The settings that decide what a client sees, as label/value rows. */
export function settingRows(options: MockOptions): [string, string][] {
  const rates = consentRatesOf(options);
  // Read loosely: the landing page must not break when a setting is renamed or not there yet.
  const profile = (options as { profile?: unknown }).profile ?? 'none';
  return [
    ['Seed', String(options.seed)],
    ['Profile', String(profile)],
    ['Agencies (shortName)', options.shortNames.join(', ')],
    ['Consent rate (overall)', percent(options.consentRate)],
    ...CONTACT_TYPE_KEYS.map((type): [string, string] => [
      `Consent rate, ${CONTACT_TYPES[type].flagName}`,
      percent(rates[type]),
    ]),
    ...CONTACT_TYPE_KEYS.map((type): [string, string] => [
      `${CONTACT_TYPES[type].flagName} per agency`,
      options.counts[type].toLocaleString('en-GB'),
    ]),
    ['Branches per agency', String(options.branches)],
    ['Multi-role share', percent(options.multiRoleShare)],
    [
      'Records without consent',
      options.withheld === 'omit' ? 'omit (left out of lists)' : 'redact (personal fields absent)',
    ],
    ['Authorised integrators', options.authorisedIntegrators.join(', ') || 'none'],
    ['API keys', options.apiKeys.length === 0 ? 'any non-empty key' : `${options.apiKeys.length} configured`],
  ];
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

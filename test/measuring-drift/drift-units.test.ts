import { describe, expect, it } from 'vitest';
import { buildContractModel } from '../../tools/drift/contract-model.js';
import { overlayActions } from '../../tools/drift/overlay-writer.js';
import { detectReadings, emptyEvidence, errorStyleOf, suggestedFlags } from '../../tools/drift/reading-detection.js';
import type { DriftReport } from '../../tools/drift/report-model.js';
import { emptyShape, Guide, observe } from '../../tools/drift/shape-inference.js';
import { classifyString, formatFits } from '../../tools/drift/string-formats.js';

describe('drift: what a string looks like', () => {
  it.each([
    ['2017-03-20T00:00:00', 'date-time-local'],
    ['2017-03-20T00:00:00Z', 'date-time-offset'],
    ['2017-03-20T00:00:00+01:00', 'date-time-offset'],
    ['2017-03-20', 'date'],
    ['0004-f421-2742-3f00', 'agentos-oid'],
    ['BS1 4DJ', 'uk-postcode'],
    ['a.b@example.co.uk', 'email'],
    ['https://example.org/x', 'uri'],
    ['1234', 'integer-string'],
    ['12.5', 'number-string'],
    ['', 'empty'],
    ['Clifton Lettings', 'text'],
  ])('%s is %s', (value, format) => expect(classifyString(value)).toBe(format));

  it('treats either date-time style as a date-time (a reading), a date-only as not', () => {
    expect(formatFits('date-time', 'date-time-local')).toBe(true);
    expect(formatFits('date-time', 'date-time-offset')).toBe(true);
    expect(formatFits('date-time', 'date')).toBe(false);
    expect(formatFits('date', 'date-time-local')).toBe(false);
    expect(formatFits(undefined, 'date')).toBeUndefined();
  });
});

describe('drift: error styles and readings', () => {
  it.each([
    ['application/json', { Message: 'No tenant has that ID.' }, 'agentos'],
    ['application/problem+json', { type: 'urn:x', title: 't', status: 404 }, 'problem'],
    ['text/html', undefined, 'other'],
    ['application/json', { error: 'x' }, 'other'],
  ])('%s %j is %s', (type, body, style) => expect(errorStyleOf(type, body)).toBe(style));

  it('suggests only the switches something showed', () => {
    const evidence = emptyEvidence();
    evidence.nulls = 3;
    evidence.errorStyles.agentos = 2;
    evidence.overMax = 'clamp';
    const readings = detectReadings(evidence);
    expect(suggestedFlags(readings)).toEqual(['--nulls', 'null', '--errors', 'agentos', '--over-max', 'clamp']);
    expect(readings.find((reading) => reading.switch === '--retry-after')?.evidence).toBe('no 429 or 403 was met');
  });
});

describe('drift: shapes keep no values but contract enums', () => {
  const document = {
    openapi: '3.1.0',
    paths: {},
    components: {
      schemas: {
        Person: {
          type: 'object',
          required: ['Kind'],
          properties: {
            Kind: { type: 'string', enum: ['A', 'B'], 'x-kit-assumption': 'a guess' },
            Title: { type: 'string', enum: ['Mr', 'Ms'], 'x-personal-data': true },
            Name: { type: 'string', 'x-personal-data': true },
          },
        },
      },
    },
  };
  it('counts enum values outside the list, keeping them only for non-personal fields', () => {
    const model = buildContractModel(document);
    const shape = emptyShape();
    const guide = new Guide(model.walker, { $ref: '#/components/schemas/Person' }, []);
    for (const record of [
      { Kind: 'A', Title: 'Mr', Name: 'Amelia' },
      { Kind: 'C', Title: 'Sir', Name: 'Hughes' },
    ]) {
      observe(shape, record, guide);
    }
    expect(shape.properties.Kind?.shape.enumSeen).toEqual({ A: 1, C: 1 });
    expect(shape.properties.Title?.shape.enumOutside).toBe(1);
    expect(shape.properties.Title?.shape.enumSeen).toEqual({});
    expect(JSON.stringify(shape)).not.toMatch(/Amelia|Hughes|Sir|Mr/);
    expect(guide.view.properties.get('Kind')?.label).toEqual({ kind: 'x-kit-assumption', text: 'a guess' });
    expect(guide.view.properties.get('Name')?.label).toEqual({ kind: 'unlabelled' });
  });
});

describe('drift: the overlay', () => {
  it('replaces a required list once, whatever the number of properties it drops', () => {
    const owner = "$['components']['schemas']['Person']";
    const finding = (name: string, keep: string[]) => ({
      severity: 'error' as const,
      category: 'missing-required-property' as const,
      path: name,
      message: `${name} missing`,
      overlay: { kind: 'unrequire' as const, requiredOwnerAt: owner, required: keep },
    });
    const report = { findings: [finding('A', ['B', 'C']), finding('B', ['A', 'C'])] } as unknown as DriftReport;
    const actions = overlayActions(report);
    expect(actions.map(({ target, update, remove }) => ({ target, update, remove }))).toEqual([
      { target: `${owner}['required']`, update: undefined, remove: true },
      { target: owner, update: { required: ['C'] }, remove: undefined },
    ]);
  });
});

import { CONTACT_TYPE_KEYS, CONTACT_TYPES, type ContactTypeKey } from '../../fixtures/contact-types.js';
import { DataSet, type ContactOptions } from '../../fixtures/data-set.js';
import type { FakerPools } from '../../fixtures/records/faker-pools.js';
import { hashInts, hashString } from '../../fixtures/random/keyed-stream.js';
import type { ConsentIndex } from '../consent/consent-index.js';
import { ConsentNow, type LiveConsent } from '../consent/consent-now.js';
import { presentNulls } from '../consent/presentation.js';
import type { OpenApiDocument } from '../contract/contract.js';
import { consentRatesOf, type MockOptions } from '../options/mock-options.js';
import { planForSchema } from '../contract/personal-data-marks.js';
import type { RecordLayouts } from '../contract/record-layout.js';
import { jsonFragments, RecordJsonSink, type JsonFragments } from '../http/record-json-sink.js';

export type { LiveConsent } from '../consent/consent-now.js';

/** The personal-data marks of each contact type's schema, read once from the contract. */
export type WithheldFields = Readonly<Record<ContactTypeKey, ReadonlySet<string>>>;

export function withheldFields(document: OpenApiDocument): WithheldFields {
  return Object.fromEntries(
    CONTACT_TYPE_KEYS.map((type) => [type, planForSchema(document, CONTACT_TYPES[type].schemaName).marked]),
  ) as WithheldFields;
}

/**
 * One agency (`shortName`): its data set, with each agency's seed derived from the global seed
 * and its name so that two agencies never show the same people (or OIDs), and its consent now.
 */
export class Agency {
  readonly data: DataSet;
  readonly consent: ConsentNow;
  private readonly jsonFragments: Readonly<Record<ContactTypeKey, JsonFragments>>;
  /** What shapes a record, by reader (0 other, 1 authorised) and type: made once, asked for a thousand times a page. */
  private readonly readerOptions: readonly Readonly<Record<ContactTypeKey, ContactOptions>>[];

  constructor(
    readonly shortName: string,
    private readonly options: MockOptions,
    pools: FakerPools,
    private readonly withheld: WithheldFields,
    layouts: RecordLayouts,
    live: LiveConsent,
  ) {
    this.data = new DataSet(
      {
        seed: hashInts(options.seed, hashString(shortName)),
        counts: options.counts,
        branches: options.branches,
        consentRates: consentRatesOf(options),
        multiRoleShare: options.multiRoleShare,
        utc: options.dates === 'utc',
        unlistedEnumShare: options.unlistedEnums,
      },
      pools,
    );
    this.consent = new ConsentNow(shortName, this.data, options.consentChurn, live);
    this.jsonFragments = Object.fromEntries(
      CONTACT_TYPE_KEYS.map((type) => [type, jsonFragments(layouts[type], options.nulls)]),
    ) as Record<ContactTypeKey, JsonFragments>;
    this.readerOptions = [false, true].map(
      (authorised) =>
        Object.fromEntries(
          CONTACT_TYPE_KEYS.map((type) => [
            type,
            {
              withConsentDetails: authorised,
              decide: this.consent.decide,
              dayOfDecision: this.consent.calendarDay,
              withheld: withheld[type],
            },
          ]),
        ) as Record<ContactTypeKey, ContactOptions>,
    );
  }

  /**
   * A record as a reader sees it: the contract's personal-data marks withheld when the person has
   * not consented (the one way personal data is removed), then empty values as `--nulls` says.
   */
  present(type: ContactTypeKey, index: number, authorised: boolean): Record<string, unknown> {
    const { record } = this.data.contact(type, index, this.contactOptions(type, authorised));
    return presentNulls(record, this.options.nulls);
  }

  /** What `present` answers, as its JSON text, written without building the record. */
  presentJson(type: ContactTypeKey, index: number, authorised: boolean): string {
    const sink = new RecordJsonSink(this.jsonFragments[type]);
    return this.data.writeContact(type, index, this.contactOptions(type, authorised), sink).record;
  }

  /**
   * `presentJson` for many records of one type read at one instant (a page): what is the same for
   * all of them (the options, the consent's day) is worked out once, here. A `separated` record
   * starts with the comma that puts it after another in a list.
   */
  jsonWriter(type: ContactTypeKey, authorised: boolean): (index: number, separated?: boolean) => string {
    const fragments = this.jsonFragments[type];
    const options: ContactOptions = { ...this.contactOptions(type, authorised), decide: this.consent.decideNow() };
    // One writer for the page's records, made with the page (see RecordJsonSink).
    const sink = new RecordJsonSink(fragments);
    return (index, separated = false) => {
      sink.separated = separated;
      return this.data.writeContact(type, index, options, sink).record;
    };
  }

  /** The UTF-8 length of a record's JSON text, without reading it when the data set's text is all ASCII. */
  jsonByteLength(text: string): number {
    return this.data.asciiRecords ? text.length : Buffer.byteLength(text);
  }

  private contactOptions(type: ContactTypeKey, authorised: boolean): ContactOptions {
    return (this.readerOptions[authorised ? 1 : 0] as Record<ContactTypeKey, ContactOptions>)[type];
  }

  /** A branch as a reader sees it (`--nulls` applies to every schema). */
  presentBranch(index: number): object {
    return presentNulls(this.data.branch(index), this.options.nulls);
  }

  isConsented(type: ContactTypeKey, index: number): boolean {
    return this.consent.isConsented(type, index);
  }

  /** What consent depends on right now; responses and indexes are keyed by it. */
  consentVersion(): string {
    return this.consent.version();
  }

  /** The omit-mode index of a type. */
  consentIndex(type: ContactTypeKey): ConsentIndex {
    return this.consent.index(type);
  }
}

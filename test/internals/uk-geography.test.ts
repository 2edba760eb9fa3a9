import { describe, expect, it } from 'vitest';
import { KeyedRandom } from '../../fixtures/random/keyed-stream.js';
import {
  INWARD_LETTERS,
  UK_COUNTY_CHOICES,
  UK_DISTRICT_CHOICES,
  UK_INWARD_CODES,
  UK_POST_TOWNS,
  UK_TOWN_CHOICES,
  drawDistrict,
  drawInwardCode,
  isValidUkPostcodeForm,
  outwardCode,
  townOfDistrict,
  type PostTown,
} from '../../fixtures/records/uk-geography.js';

// Royal Mail's 121 postcode areas of Great Britain and Northern Ireland (without GY, JE and IM).
const POSTCODE_AREAS = new Set(
  (
    'AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX ' +
    'FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP ' +
    'NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW ' +
    'UB W WA WC WD WF WN WR WS WV YO ZE'
  ).split(' '),
);

const byTown = new Map(UK_POST_TOWNS.map((postTown) => [postTown.town, postTown]));

function town(name: string): PostTown {
  const found = byTown.get(name);
  if (!found) throw new Error(`no post town ${name}`);
  return found;
}

/** A place as a person's record writes it: town, county and postcode from the choice lists, by the drawn indexes. */
function place(random: KeyedRandom): { town: string; county: string; postcode: string } {
  const district = drawDistrict(random);
  const inward = drawInwardCode(random);
  const townIndex = townOfDistrict(district);
  return {
    town: UK_TOWN_CHOICES.values[townIndex] as string,
    county: UK_COUNTY_CHOICES.values[townIndex] as string,
    postcode: (UK_DISTRICT_CHOICES.values[district] as string) + (UK_INWARD_CODES[inward] as string),
  };
}

function places(seed: number, count: number) {
  return Array.from({ length: count }, (_, index) => place(new KeyedRandom(seed, 30, index)));
}

describe('the UK post town table', () => {
  it('has at least 250 towns, none listed twice, each with a county and districts', () => {
    expect(POSTCODE_AREAS.size).toBe(121);
    expect(UK_POST_TOWNS.length).toBeGreaterThanOrEqual(250);
    expect(byTown.size).toBe(UK_POST_TOWNS.length);
    for (const postTown of UK_POST_TOWNS) {
      expect(postTown.county.length, postTown.town).toBeGreaterThan(0);
      expect(postTown.districts.length, postTown.town).toBeGreaterThan(0);
    }
  });

  it('gives every district a real area and each district to one town only', () => {
    const owner = new Map<string, string>();
    for (const postTown of UK_POST_TOWNS) {
      for (const district of postTown.districts) {
        const area = /^[A-Z]+/.exec(district)?.[0] ?? '';
        expect(POSTCODE_AREAS.has(area), `${postTown.town} ${district}`).toBe(true);
        expect(postTown.areas).toContain(area);
        expect(district).toMatch(/^[A-Z]{1,2}\d{1,2}$/);
        expect(owner.get(district), district).toBeUndefined();
        owner.set(district, postTown.town);
      }
    }
  });

  it('covers England, Wales, Scotland and Northern Ireland', () => {
    const areas = new Set(UK_POST_TOWNS.flatMap((postTown) => postTown.areas));
    for (const area of ['BS', 'M', 'CF', 'LL', 'G', 'EH', 'AB', 'ZE', 'BT']) expect(areas.has(area), area).toBe(true);
  });

  it('states known facts', () => {
    const facts: [string, string, string][] = [
      ['Bristol', 'Bristol', 'BS'],
      ['Manchester', 'Greater Manchester', 'M'],
      ['Glasgow', 'Lanarkshire', 'G'],
      ['Belfast', 'County Antrim', 'BT'],
      ['Cardiff', 'South Glamorgan', 'CF'],
      ['Norwich', 'Norfolk', 'NR'],
      ['Edinburgh', 'Midlothian', 'EH'],
      ['Leeds', 'West Yorkshire', 'LS'],
    ];
    for (const [name, county, area] of facts) {
      expect(town(name).county, name).toBe(county);
      expect(town(name).areas, name).toEqual([area]);
    }
    expect(town('Bath').districts).toEqual(['BA1', 'BA2']);
    expect(town('Bristol').districts).toEqual(Array.from({ length: 16 }, (_, i) => `BS${i + 1}`));
    expect(town('Cardiff').districts).toEqual(['CF3', 'CF5', 'CF10', 'CF11', 'CF14', 'CF15', 'CF23', 'CF24']);
    expect(town('London').areas).toEqual(['E', 'N', 'NW', 'SE', 'SW', 'W']);
  });
});

describe('isValidUkPostcodeForm', () => {
  it('accepts every outward form with a valid inward code', () => {
    for (const postcode of ['M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A 0AX', 'EC1A 1BB', 'SW1A 2AA', 'BT1 5GS']) {
      expect(isValidUkPostcodeForm(postcode), postcode).toBe(true);
    }
  });

  it('rejects lower case, missing or doubled spaces, excluded letters and other shapes', () => {
    const invalid = [
      'm1 1ae',
      'M11AE',
      'M1  1AE',
      ' M1 1AE',
      'M1 1AE ',
      'BS8 1CA',
      'BS8 1AI',
      'BS8 1KM',
      'BS8 1OV',
      'QS8 1AB',
      'BZ8 1AB',
      'BS8',
      'BS 1AB',
      'BS123 1AB',
      'BS8 AAB',
      '12 3AB',
      '',
    ];
    for (const postcode of invalid) expect(isValidUkPostcodeForm(postcode), postcode).toBe(false);
  });
});

describe('a drawn place (district, town and inward code)', () => {
  it('yields a postcode of valid form in one of the town’s own districts, with the town’s county', () => {
    const seenLetters = new Set<string>();
    const seenAreas = new Set<string>();
    for (const place of places(42, 20_000)) {
      expect(isValidUkPostcodeForm(place.postcode), place.postcode).toBe(true);
      const postTown = town(place.town);
      expect(postTown.districts).toContain(outwardCode(place.postcode));
      expect(place.county).toBe(postTown.county);
      for (const letter of place.postcode.slice(-2)) seenLetters.add(letter);
      seenAreas.add(/^[A-Z]+/.exec(place.postcode)?.[0] ?? '');
    }
    expect([...seenLetters].sort().join('')).toBe(INWARD_LETTERS);
    expect(seenAreas.size).toBeGreaterThan(100);
  });

  it('is a pure function of the random stream: same seed, same places; another seed, others', () => {
    expect(places(7, 200)).toEqual(places(7, 200));
    const other = places(8, 200);
    const differing = places(7, 200).filter((place, index) => place.postcode !== other[index]?.postcode);
    expect(differing.length).toBeGreaterThan(190);
  });
});

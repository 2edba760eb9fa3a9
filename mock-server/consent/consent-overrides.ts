/** An override and the simulated day it was set on (which dates the consent it gives). */
export interface ConsentOverride {
  readonly consented: boolean;
  readonly day: number;
}

/**
 * Consent set through the control API (`PUT /__mock/people/{personID}/consent`). An override
 * beats the seeded and churned consent, on every role of the person, from the next request on.
 * `version` changes with every change, so caches keyed by it never serve the old consent.
 */
export class ConsentOverrides {
  private readonly byAgency = new Map<string, Map<number, ConsentOverride>>();
  private changes = 0;

  get version(): number {
    return this.changes;
  }

  get(agency: string, person: number): ConsentOverride | undefined {
    return this.byAgency.get(agency)?.get(person);
  }

  set(agency: string, person: number, consented: boolean, day: number): void {
    let people = this.byAgency.get(agency);
    if (!people) {
      people = new Map();
      this.byAgency.set(agency, people);
    }
    people.set(person, { consented, day });
    this.changes++;
  }

  delete(agency: string, person: number): boolean {
    const deleted = this.byAgency.get(agency)?.delete(person) ?? false;
    if (deleted) this.changes++;
    return deleted;
  }

  entries(): { agency: string; person: number; consented: boolean; day: number }[] {
    return [...this.byAgency].flatMap(([agency, people]) =>
      [...people].map(([person, { consented, day }]) => ({ agency, person, consented, day })),
    );
  }

  clear(): void {
    this.byAgency.clear();
    this.changes++;
  }
}

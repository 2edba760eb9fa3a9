/**
 * Consent set through the control API (`PUT /__mock/people/{personID}/consent`) and the simulated
 * day it was set on (which dates the consent it gives). An override beats the seeded and churned
 * consent, on every role of the person, from the next request on; the state store keeps them.
 */
export interface ConsentOverride {
  readonly consented: boolean;
  readonly day: number;
}

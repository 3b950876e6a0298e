import { describe, expect, it } from 'vitest';
import { fold, isDomainError } from '../shared/index.js';
import type { Decision } from '../shared/index.js';
import type { EmailClaimCommand, EmailClaimEvent, EmailClaimState } from './index.js';
import { emailClaimDecider, emailClaimStreamName } from './index.js';

const emailHash = 'a'.repeat(64);
const ada = '6f1c2a9e-1111-4a7b-8c3d-000000000001';
const bob = '6f1c2a9e-5555-4a7b-8c3d-000000000005';
const at = '2025-03-01T10:00:00Z';

const given = (...events: EmailClaimEvent[]): EmailClaimState =>
  fold(emailClaimDecider.evolve, emailClaimDecider.initialState(), events);
const claim = (customerId: string): EmailClaimCommand => ({ type: 'ClaimEmail', data: { emailHash, customerId, at } });
const release = (customerId: string): EmailClaimCommand => ({ type: 'ReleaseEmail', data: { emailHash, customerId, at } });
const claimed = (customerId: string): EmailClaimEvent => ({ type: 'EmailClaimed', data: { emailHash, customerId, at } });
const released = (customerId: string): EmailClaimEvent => ({ type: 'EmailReleased', data: { emailHash, customerId, at } });
const decide = (state: EmailClaimState, command: EmailClaimCommand): Decision<EmailClaimEvent> =>
  emailClaimDecider.decide(command, state);

describe('email claim', () => {
  it('is streamed as customerEmail-<hash>', () => {
    expect(emailClaimStreamName(emailHash)).toBe(`customerEmail-${emailHash}`);
  });

  it('claims a free email', () => {
    expect(decide(given(), claim(ada))).toEqual([claimed(ada)]);
  });

  it('is a no-op when the same customer claims again', () => {
    expect(decide(given(claimed(ada)), claim(ada))).toEqual([]);
  });

  it('rejects another customer with EMAIL_TAKEN', () => {
    const decision = decide(given(claimed(ada)), claim(bob));
    expect(isDomainError(decision) && decision.code).toBe('EMAIL_TAKEN');
  });

  it('releases the holder, after which another customer may claim', () => {
    expect(decide(given(claimed(ada)), release(ada))).toEqual([released(ada)]);
    expect(decide(given(claimed(ada), released(ada)), claim(bob))).toEqual([claimed(bob)]);
  });

  it('is a no-op to release an email the customer does not hold', () => {
    expect(decide(given(), release(ada))).toEqual([]);
    expect(decide(given(claimed(ada), released(ada)), release(ada))).toEqual([]);
    expect(decide(given(claimed(ada), released(ada), claimed(bob)), release(ada))).toEqual([]);
  });
});

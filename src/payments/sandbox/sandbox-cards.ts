import { testCards, testTokens, type TestCardName } from '../test-cards.js';
import type { CardBrand } from '../payment-gateway.js';

/** What the sandbox does when a card is authorized; decided at tokenization, kept with the token. */
export type CardBehaviour = 'approve' | 'decline' | 'fail_twice_then_approve' | 'always_transient';

const behaviourOfTestCard: Readonly<Record<TestCardName, CardBehaviour>> = {
  approve: 'approve',
  decline: 'decline',
  failTwiceThenApprove: 'fail_twice_then_approve',
  alwaysTransient: 'always_transient',
  approveMastercard: 'approve',
  approveAmex: 'approve',
};

/** The behaviour of a card number (digits only): a listed test card's, otherwise approve. */
export function behaviourOfCard(digits: string): CardBehaviour {
  const name = (Object.keys(testCards) as TestCardName[]).find((candidate) => testCards[candidate] === digits);
  return name === undefined ? 'approve' : behaviourOfTestCard[name];
}

/** What the sandbox keeps per token: the behaviour and what may be shown, never the number or cvc. */
export interface SandboxCard {
  readonly behaviour: CardBehaviour;
  readonly last4: string;
  readonly brand: CardBrand;
  readonly expMonth: number;
  readonly expYear: number;
}

const readyMade = (behaviour: CardBehaviour, number: string): SandboxCard => ({
  behaviour,
  last4: number.slice(-4),
  brand: 'visa',
  // Ready-made tokens never expire: they stand for a card, not for a date.
  expMonth: 12,
  expYear: 9999,
});

/** The cards behind `testTokens`; they need no ledger, so every ledger knows them. */
export const readyMadeCards: ReadonlyMap<string, SandboxCard> = new Map([
  [testTokens.approve, readyMade('approve', testCards.approve)],
  [testTokens.decline, readyMade('decline', testCards.decline)],
  [testTokens.failTwiceThenApprove, readyMade('fail_twice_then_approve', testCards.failTwiceThenApprove)],
  [testTokens.alwaysTransient, readyMade('always_transient', testCards.alwaysTransient)],
]);

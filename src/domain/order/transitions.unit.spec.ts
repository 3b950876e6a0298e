import { describe, expect, it } from 'vitest';
import { canTransition, orderStatus, orderStatuses, orderTransitions } from './transitions.js';

describe('order transitions', () => {
  it('lists the thirteen statuses', () => {
    expect(orderStatuses).toHaveLength(13);
    expect(orderStatus.REFUND_PENDING).toBe('REFUND_PENDING');
  });

  it('allows cancelling only before shipping', () => {
    const cancellable = orderStatuses.filter((from) => canTransition(from, 'CANCELLED'));
    expect(cancellable).toEqual(['PENDING', 'CONFIRMED', 'PROCESSING']);
  });

  it('confirms and rejects only pending orders', () => {
    expect(orderStatuses.filter((from) => canTransition(from, 'CONFIRMED'))).toEqual(['PENDING']);
    expect(orderStatuses.filter((from) => canTransition(from, 'REJECTED'))).toEqual(['PENDING']);
  });

  it('ends in REFUNDED, REJECTED or an unpaid CANCELLED', () => {
    expect(orderTransitions.REFUNDED).toEqual([]);
    expect(orderTransitions.REJECTED).toEqual([]);
    expect(orderStatuses.every((status) => !canTransition(status, status))).toBe(true);
  });
});

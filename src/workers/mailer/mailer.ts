/**
 * The mailer port: how notifications leave the system. SMTP (`smtp/`, nodemailer) when `SMTP_URL`
 * is set; otherwise the `outbox` table (`outbox/`), which an admin reads at GET /api/v1/admin/outbox.
 */
export interface MailMessage {
  /** Stable per notification (derived from the event behind it): a resend is recognisable. */
  readonly id: string;
  /** What it is about: order-confirmed, order-shipped, order-refunded, low-stock. */
  readonly kind: string;
  readonly to: string;
  /** The customer account `to` belongs to (absent for guests): erasing it deletes what is kept of the message. */
  readonly customerId?: string;
  readonly subject: string;
  readonly text: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  /** Delivers (or writes down) the message; throws when it should be tried again later. */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** The sender of every notification. */
export const MAIL_FROM = 'Commerce Core <no-reply@commerce.local>';

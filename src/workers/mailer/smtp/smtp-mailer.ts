import nodemailer from 'nodemailer';
import { MAIL_FROM, type Mailer } from '../mailer.js';

/**
 * Sends through an SMTP server (`SMTP_URL`, e.g. smtp://user:pass@mail.example.com:587). The
 * message id is derived from the notification, so a job retried after a lost answer sends a mail
 * that receiving servers and clients can recognise as the same one.
 */
export function createSmtpMailer(url: string, from = MAIL_FROM): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${message.id}@commerce.local>`,
        headers: { 'X-Commerce-Notification': message.kind },
      });
    },
    async close() {
      transport.close();
    },
  };
}

import type { ValueSet } from './values.js';

/**
 * A mail template in Dutch and English, and in French and Spanish where a local partner can receive it (issue 14,
 * item 6; `PARTNER_FACING` in ./index.ts names those, and a unit spec checks they have all four). A language a
 * template lacks is sent in English. `subject` and `text` use `{name}` placeholders, filled from the params
 * given to `OutboxService.enqueue` plus `{publicUrl}` (the service's address). A template names the params it
 * needs; enqueue refuses a mail that misses one. Mail never carries confidential data (NAW, scores, case
 * content): it says that something happened and links to the service, where the reader signs in to see it.
 */
export interface MailText {
  subject: string;
  text: string;
}

export interface MailTemplate {
  params: readonly string[];
  /**
   * Params that carry a fixed value's code (an outcome, a round, an NDA kind): the caller passes the code and the
   * mail shows the set's word in the reader's language (./values.ts); an unknown code is refused.
   */
  values?: Readonly<Record<string, ValueSet>>;
  /**
   * The body carries a one-time credential (an invitation token): once delivered, the outbox keeps no copy of it
   * (the delivery worker blanks the stored body).
   */
  carriesCredential?: boolean;
  nl: MailText;
  en: MailText;
  fr?: MailText;
  es?: MailText;
}

export type TemplateSet = Record<string, MailTemplate>;

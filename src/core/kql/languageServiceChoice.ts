// Whether our KQL language server runs next to another extension that serves
// `kusto` files (kuskus, Kusto tools): with `kustoMi.kql.languageService`
// `auto`, the user is asked once instead of our stepping aside unannounced,
// and the answer is remembered for that set of other extensions. Pure: the
// language client asks and stores; this decides.

export type LanguageServiceSetting = 'auto' | 'on' | 'off';

/** The buttons of the question, in order. */
export type CoexistenceAnswer = 'leave' | 'ours' | 'neverAsk';

/** What was answered before, and about which other extensions (a new one is asked about again). */
export interface RememberedChoice {
  readonly choice: 'ours' | 'theirs';
  readonly others: readonly string[];
}

export type LanguageServiceDecision =
  /** Start our server. */
  | { readonly action: 'start' }
  /** Leave `kusto` files to the other extension; `note` is logged once. */
  | { readonly action: 'stepAside'; readonly note?: string }
  /** Ask the user, naming the others. */
  | { readonly action: 'ask'; readonly others: readonly string[] };

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.some((y) => y.toLowerCase() === x.toLowerCase()));

export function decideLanguageService(setting: LanguageServiceSetting, others: readonly string[], remembered: RememberedChoice | undefined): LanguageServiceDecision {
  if (setting === 'on') return { action: 'start' };
  if (setting === 'off') return { action: 'stepAside' };
  if (others.length === 0) return { action: 'start' };
  if (remembered && sameSet(remembered.others, others)) {
    return remembered.choice === 'ours'
      ? { action: 'start' }
      : { action: 'stepAside', note: `KQL language service left to ${others.join(', ')} as chosen before (setting kustoMi.kql.languageService is "auto"); managed-identity features stay on.` };
  }
  return { action: 'ask', others };
}

/**
 * What an answer means: start now or not, and what to remember. "Leave to it"
 * holds for this session (asked again next time); "Use Kusto MI" and "Don't
 * ask again" are remembered; a dismissed question steps aside, as before.
 */
export function applyAnswer(answer: CoexistenceAnswer | undefined, others: readonly string[]): { readonly start: boolean; readonly remember?: RememberedChoice } {
  switch (answer) {
    case 'ours':
      return { start: true, remember: { choice: 'ours', others: [...others] } };
    case 'neverAsk':
      return { start: false, remember: { choice: 'theirs', others: [...others] } };
    default:
      return { start: false };
  }
}

/** A stored value read back from global state, or undefined when it is not one of ours. */
export function readRememberedChoice(value: unknown): RememberedChoice | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { choice, others } = value as { choice?: unknown; others?: unknown };
  if ((choice !== 'ours' && choice !== 'theirs') || !Array.isArray(others) || !others.every((o) => typeof o === 'string')) return undefined;
  return { choice, others };
}

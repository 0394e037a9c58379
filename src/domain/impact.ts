// Impact scoring for the router (rules §1): a request is high impact when it names money or a
// budget, a paid channel, a launch / go-live date, or a revenue target. Each signal keeps the phrase
// that triggered it, so the thread can say why.
export const IMPACT_KINDS = ['money', 'budget', 'paid_channel', 'launch_date', 'revenue_target'] as const;
export type ImpactKind = (typeof IMPACT_KINDS)[number];

export interface ImpactSignal {
  kind: ImpactKind;
  phrase: string;
}

const END = String.raw`(?![\p{L}\p{N}])`;
const START = String.raw`(?<![\p{L}\p{N}])`;

const AMOUNT = String.raw`\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;
const SCALE = String.raw`(?:\s?(?:k|m|mm|bn|million|billion|thousand))?`;
const SYMBOL = '[$€£¥₹]';
const CURRENCY_WORD = '(?:usd|eur|gbp|jpy|inr|cad|aud|chf|dollars?|euros?|pounds?|bucks)';
const MONEY = [
  `${SYMBOL}\\s?(?:${AMOUNT})${SCALE}(?:\\s?${CURRENCY_WORD})?`,
  `${START}${CURRENCY_WORD}\\s?(?:${AMOUNT})${SCALE}`,
  `${START}(?:${AMOUNT})${SCALE}\\s?(?:${CURRENCY_WORD}|${SYMBOL})`,
].map((form) => `(?:${form})${END}`).join('|');

const PAID_CHANNEL = [
  String.raw`paid\s+(?:search|social|media|ads?|channels?|placements?|campaigns?|promotion)`,
  String.raw`(?:google|bing|meta|facebook|instagram|linkedin|tiktok|youtube|reddit|twitter|display|search|social|native|video)\s+ads?`,
  String.raw`sponsored(?:\s+(?:posts?|content|ads?|placements?|newsletters?))?`,
  String.raw`sponsorships?`,
  String.raw`ppc|cpc|cpm|adwords`,
  String.raw`advertis(?:ing|ements?)`,
  String.raw`boosted\s+posts?`,
  String.raw`retargeting|remarketing`,
  String.raw`ads?(?![\s-]+hoc)`,
].join('|');

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const ORDINAL = '(?:st|nd|rd|th)';
const DATE = [
  `${MONTH}\\.?\\s+\\d{1,2}${ORDINAL}?(?:,?\\s+\\d{4})?`,
  `\\d{1,2}${ORDINAL}?\\s+(?:of\\s+)?${MONTH}(?:\\s+\\d{4})?`,
  `(?:in|by|before|until|early|mid|late)[\\s-]+${MONTH}`,
  `${MONTH}\\s+\\d{4}`,
  String.raw`\d{4}-\d{2}-\d{2}`,
  String.raw`\d{1,2}/\d{1,2}(?:/\d{2,4})?`,
  `(?:next|this)\\s+(?:week|month|quarter|${WEEKDAY})`,
  WEEKDAY,
  'tomorrow|today|tonight',
  String.raw`in\s+\d+\s+(?:days?|weeks?|months?)`,
  String.raw`end\s+of\s+(?:the\s+)?(?:week|month|quarter|year)`,
  'eo[wmqy]',
  String.raw`q[1-4](?:\s+\d{4})?`,
  `the\\s+\\d{1,2}${ORDINAL}`,
].join('|');
const LAUNCH = String.raw`launch(?:es|ed|ing)?|go(?:es|ing)?[\s-]live|go-live`;
const LAUNCH_DATE = [
  String.raw`(?:launch|go[\s-]live|release)\s+dates?`,
  `(?:${LAUNCH})${END}[^.!?\\n]{0,40}?${START}(?:${DATE})${END}`,
  `(?:${DATE})${END}[^.!?\\n]{0,30}?${START}(?:${LAUNCH})`,
].join('|');

const REVENUE = '(?:revenue|pipeline|arr|mrr|bookings|sales)';
// "sales" alone is too often the team ("help sales write 3 emails, 20% faster"), so it needs the
// amount or a target word right beside it.
const REVENUE_BEFORE_AMOUNT = '(?:revenue|pipeline|arr|mrr|bookings)';
const TARGET_WORD = '(?:targets?|goals?|quotas?|forecasts?)';
const QUANTITY = `(?:${MONEY})|\\d+(?:[.,]\\d+)?\\s?%|\\d+(?:[.,]\\d+)?\\s?(?:k|m|mm|bn|million|billion|thousand)${END}|\\d+(?:\\.\\d+)?x${END}`;
const REVENUE_TARGET = [
  `${REVENUE}\\s+${TARGET_WORD}`,
  `(?:${QUANTITY})\\s?(?:(?:in|of|new|more|net|qualified|added)\\s+){0,2}${REVENUE}`,
  `${REVENUE_BEFORE_AMOUNT}${END}[^.!?\\n]{0,30}?(?:${QUANTITY})`,
].join('|');

const PATTERNS: Record<ImpactKind, RegExp> = {
  money: new RegExp(MONEY, 'giu'),
  budget: new RegExp(`${START}budget(?:s|ed|ing)?${END}`, 'giu'),
  paid_channel: new RegExp(`${START}(?:${PAID_CHANNEL})${END}`, 'giu'),
  launch_date: new RegExp(`${START}(?:${LAUNCH_DATE})${END}`, 'giu'),
  revenue_target: new RegExp(`${START}(?:${REVENUE_TARGET})${END}`, 'giu'),
};

interface Span extends ImpactSignal {
  start: number;
  end: number;
}

function spansOf(kind: ImpactKind, text: string): Span[] {
  return Array.from(text.matchAll(PATTERNS[kind]), (match) => ({
    kind,
    phrase: match[0].replace(/\s+/g, ' ').trim(),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Signals in reading order; an amount that is part of a revenue target counts as the target only. */
export function impactSignals(text: string): ImpactSignal[] {
  const targets = spansOf('revenue_target', text);
  const insideTarget = (span: Span): boolean => targets.some((target) => span.start >= target.start && span.end <= target.end);
  const spans = [
    ...spansOf('money', text).filter((span) => !insideTarget(span)),
    ...spansOf('budget', text),
    ...spansOf('paid_channel', text),
    ...spansOf('launch_date', text),
    ...targets,
  ].sort((a, b) => a.start - b.start);
  return spans.map(({ kind, phrase }) => ({ kind, phrase }));
}

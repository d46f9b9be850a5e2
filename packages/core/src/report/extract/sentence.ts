// One sentence being read. The rules run in a fixed order on a working copy of the sentence in
// which every span already accounted for is blanked out, so a later rule never reads a number
// twice; whatever they record carries its span in the original text.
import type { Normalised } from './normalise.ts';
import type {
  ExtractedField,
  ExtractedFigurePeriod,
  ExtractedValue,
  ExtractionNote,
  SourceSpan,
  UnrecognisedKind,
  UnrecognisedText,
} from './types.ts';

export interface Statement {
  ev: ExtractedValue;
  /** A reclassification stated as part of the new confirmed count ("其中3例为…"). */
  inclusive?: boolean;
  /** A period stated for one figure of its sentence only (discharges from 14时 to 14时), named. */
  periodOf?: string;
}

/** What the sentences of a text yield, in the order read. */
export interface Findings {
  statements: Statement[];
  figurePeriods: ExtractedFigurePeriod[];
  unrecognised: UnrecognisedText[];
  notes: ExtractionNote[];
}

export class Sentence {
  /** The working copy: sentence-local indices; spans accounted for are blanked out. */
  w: string;
  /** Whether anything in the sentence was read, reported or noted. */
  touched = false;
  /** Whether the sentence states cumulative counts only ('1月2日至8日10时，…共127例', '截至…，…127例'): a count without 新增 or 累计 is cumulative. */
  cumulativeRange = false;
  private readonly original: string;
  private readonly normalised: Normalised;
  private readonly a: number;
  private readonly found: Findings;
  private readonly sentence: string;
  private readonly sentenceStart: number;
  private readonly sentenceEnd: number;

  /** The sentence [a, b) of the normalised text of `original`; what it yields goes to `found`. */
  constructor(original: string, normalised: Normalised, a: number, b: number, found: Findings) {
    this.original = original;
    this.normalised = normalised;
    this.a = a;
    this.found = found;
    const { map } = normalised;
    this.sentenceStart = map[a]!;
    this.sentenceEnd = map[b - 1]! + 1;
    this.sentence = original.slice(this.sentenceStart, this.sentenceEnd);
    this.w = normalised.text.slice(a, b);
  }

  /** Where the working-copy span [ls, le) is in the original text. */
  source(ls: number, le: number): SourceSpan {
    const { map } = this.normalised;
    return {
      sentence: this.sentence,
      sentenceStart: this.sentenceStart,
      sentenceEnd: this.sentenceEnd,
      start: map[this.a + ls]!,
      end: map[this.a + le - 1]! + 1,
    };
  }

  /** The original text of the working-copy span [ls, le). */
  originalText(ls: number, le: number): string {
    const { map } = this.normalised;
    return this.original.slice(map[this.a + ls]!, map[this.a + le - 1]! + 1);
  }

  /** Every match of a global rule in the working copy as it is now. */
  matches(re: RegExp): RegExpExecArray[] {
    return [...this.w.matchAll(re)];
  }

  /** Blanks out [ls, le): accounted for. */
  consume(ls: number, le: number): void {
    this.w = this.w.slice(0, ls) + '\u0001'.repeat(le - ls) + this.w.slice(le);
    this.touched = true;
  }

  report(ls: number, le: number, kind: UnrecognisedKind, reason: string): void {
    this.found.unrecognised.push({ ...this.source(ls, le), kind, reason });
    this.touched = true;
  }

  note(ls: number, le: number, message: string): void {
    this.found.notes.push({ ...this.source(ls, le), message });
    this.touched = true;
  }

  state<V extends number | string>(field: ExtractedField, value: V, ls: number, le: number, extra: Partial<ExtractedValue> = {}): void {
    this.found.statements.push({ ev: { field, value, ...this.source(ls, le), ...extra } });
    this.touched = true;
  }

  /** A period that may be only `figure`'s own (see Statement.periodOf). */
  statePeriod(field: ExtractedField, value: string, ls: number, le: number, periodOf: string | null): void {
    this.found.statements.push({ ev: { field, value, ...this.source(ls, le) }, ...(periodOf ? { periodOf } : {}) });
    this.touched = true;
  }

  /** A city-wide figure, which may include a reclassification to be split off when assembling. */
  stateFigure(field: ExtractedField, value: number, ns: number, ne: number, inclusive: boolean | undefined): void {
    this.found.statements.push({ ev: { field, value, ...this.source(ns, ne) }, inclusive });
    this.touched = true;
  }
}

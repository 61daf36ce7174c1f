/** Core data shapes shared by the loader, index, runner and formatters. */

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export type Severity = 1 | 2;
export type SeverityName = 'off' | 'warn' | 'error';

export interface SourceFile {
  /** Path as given to the formatter (absolute for files, `<stdin>` for stdin). */
  readonly path: string;
  /** The text (a file read from disk reads it again if it was released after parsing). */
  readonly text: string;
  /** Objects from this file are indexed but never reported on (`--context`). */
  readonly contextOnly?: boolean;
  /** Size in bytes, when known without reading the text. */
  readonly size?: number;
  /** The text in pieces, read from disk without holding all of it (large YAML files). */
  pieces?(): Iterable<string>;
  /** Drops the text until it is next needed (files read from disk, after parsing). */
  release?(): void;
  /** Why the text of a file on disk could not be read when it was needed (the text is then empty). */
  readonly unreadable?: string;
}

export interface ResourceId {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** A place in a YAML document: a path from the document root; `key` points at the mapping key. */
export interface NodeRef {
  readonly file: SourceFile;
  readonly docIndex: number;
  readonly path: Path;
  readonly key?: boolean;
}

export interface Range {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A text replacement (ESLint's `fix`): `range` is [start, end) in UTF-16 code units of the file's text without its byte-order mark. */
export interface TextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** A fix offered for the editor only (it may change meaning): ESLint's `suggestions`. */
export interface LintSuggestion {
  readonly desc: string;
  readonly fix: TextEdit;
}

export interface LintMessage extends Range {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly resource?: ResourceId;
  /** The deploy unit (chart and values set, kustomization, folder tree) when a run has several or renders one. */
  readonly unit?: string;
  /**
   * Further places that explain the finding: the values file line that set a rendered value, and
   * (with the `related` lint option: the editor) the places rules name.
   */
  readonly related?: readonly RelatedLocation[];
  /** A safe fix, applied by `--fix`. */
  readonly fix?: TextEdit;
  readonly suggestions?: readonly LintSuggestion[];
}

export interface RelatedLocation extends Range {
  readonly filePath: string;
  readonly message: string;
}

export interface LintResult {
  readonly filePath: string;
  readonly messages: LintMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
  /** `--fix` / `--fix-dry-run`: the file's text after fixing, when a fix applied (as in ESLint). */
  readonly output?: string;
  /** Findings the suppressions file (baseline) covers, when there are any: not counted, not failing. */
  readonly suppressedMessages?: readonly SuppressedMessage[];
}

/** A finding the baseline suppresses; `kind: 'external'` as in ESLint and SARIF. */
export interface SuppressedMessage extends LintMessage {
  readonly suppressions: ReadonlyArray<{ readonly kind: 'external'; readonly justification: string }>;
}

/** Core data shapes shared by the loader, index, runner and formatters. */

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export type Severity = 1 | 2;
export type SeverityName = 'off' | 'warn' | 'error';

export interface SourceFile {
  /** Path as given to the formatter (absolute for files, `<stdin>` for stdin). */
  readonly path: string;
  /** The text (a large file read from disk reads it again if it was released after parsing). */
  readonly text: string;
  /** Objects from this file are indexed but never reported on (`--context`). */
  readonly contextOnly?: boolean;
  /** Size in bytes, when known without reading the text. */
  readonly size?: number;
  /** The text in pieces, read from disk without holding all of it (large YAML files). */
  pieces?(): Iterable<string>;
  /** Drops the text until it is next needed (large files read from disk, after parsing). */
  release?(): void;
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

export interface LintMessage extends Range {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly resource?: ResourceId;
}

export interface LintResult {
  readonly filePath: string;
  readonly messages: LintMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
}

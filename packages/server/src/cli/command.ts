// What every command of the command line gets (main.ts parses the arguments and opens the database once).
import type { Db } from '../db/client.js';
import type { RequestContext } from '../platform/context.js';

/** The parsed options (`--year 2024` → `{ year: '2024' }`). */
export type Values = Record<string, string | boolean | undefined>;

/** Prints `obj` as JSON with --json, else the text. */
export type Out = (obj: unknown, text: () => string) => void;

export interface CommandInput {
  db: Db;
  /** The system acting at the clock's now (SHENGGUI_FAKE_NOW in tests). */
  ctx: RequestContext;
  /** `shenggui <command> <sub> <arg> …rest` */
  sub: string | undefined;
  arg: string | undefined;
  rest: string[];
  values: Values;
  out: Out;
  /** The signed audit checkpoint: --checkpoint, else beside the audit key. */
  checkpointFile: string;
}

/** A command on the open database; the number is the exit code. */
export type Command = (input: CommandInput) => Promise<number>;

/** A group's commands by `command sub` (e.g. `user create`), or by `command` when it takes no sub-command. */
export type Commands = Record<string, Command>;

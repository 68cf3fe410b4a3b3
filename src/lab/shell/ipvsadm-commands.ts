import { findNode } from '../document.ts';
import { done, type Command, type CommandIo, type CommandOutcome } from './command.ts';
import { runIpvsadm, runIpvsadmRestore, runIpvsadmSave } from './ipvsadm/index.ts';
import { Output } from './output.ts';
import type { CommandResult, ShellContext } from './types.ts';

/** The shell context of a command (what the ipvsadm module takes). */
export const contextOf = (io: CommandIo): ShellContext => ({ doc: io.doc, node: io.node, runtime: io.runtime });

/** A CommandResult of the ipvsadm module as a shell outcome (stderr first, as ipvsadm writes errors before exiting). */
export function outcomeOf(r: CommandResult, io: CommandIo): CommandOutcome {
  const out = new Output().err(r.stderr).out(r.stdout);
  return done(out, r.exitCode, r.doc === io.doc ? undefined : r.doc);
}

/** ipvsadm (ipvsadm 1.31). */
export const ipvsadm: Command = (io) => outcomeOf(runIpvsadm(io.argv.slice(1), contextOf(io), () => io.stdin ?? '', io.argv[0]), io);

/** ipvsadm-save [-n]. */
export const ipvsadmSave: Command = (io) => outcomeOf(runIpvsadmSave(io.argv.slice(1), contextOf(io)), io);

/** ipvsadm-restore (reads the rules from stdin). */
export const ipvsadmRestore: Command = (io) => outcomeOf(runIpvsadmRestore(io.argv.slice(1), contextOf(io), io.stdin ?? ''), io);

/** The node of a document after an ipvsadm run (the module edits through the document). */
export const nodeAfter = (r: CommandResult, io: CommandIo) => findNode(r.doc, io.node.id) ?? io.node;

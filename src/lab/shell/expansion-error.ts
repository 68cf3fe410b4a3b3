/**
 * An expansion that failed (`bad substitution`, an arithmetic error, `${X:?}`), with bash's
 * message. bash abandons the whole command it was reading; `fatal` ones (`${X:?}`) end a script.
 */
export class ExpansionError extends Error {
  constructor(message: string, readonly fatal = false) {
    super(message);
  }
}

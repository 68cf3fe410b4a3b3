import type { Scheduler } from './types.ts';

/** The hooks of a scheduler module that defines no init_service/add_dest/del_dest/upd_dest. */
export const STATELESS_HOOKS: Pick<Scheduler, 'initService' | 'addDest' | 'delDest' | 'updDest'> = {
  initService: () => null,
  addDest: () => undefined,
  delDest: () => undefined,
  updDest: () => undefined,
};

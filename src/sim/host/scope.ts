import type { AddressScope } from '../model/config.ts';

/** Kernel route/address scopes (include/uapi/linux/rtnetlink.h): smaller is wider. */
export const RT_SCOPE = { UNIVERSE: 0, LINK: 253, HOST: 254, NOWHERE: 255 } as const;

/** Maps iproute2's scope names to kernel scope numbers. */
export function scopeValue(scope: AddressScope | undefined): number {
  switch (scope) {
    case 'host':
      return RT_SCOPE.HOST;
    case 'link':
      return RT_SCOPE.LINK;
    default:
      return RT_SCOPE.UNIVERSE;
  }
}

/** Maps a kernel scope number to iproute2's name. */
export function scopeName(scope: number): AddressScope {
  if (scope >= RT_SCOPE.HOST) return 'host';
  if (scope >= RT_SCOPE.LINK) return 'link';
  return 'global';
}

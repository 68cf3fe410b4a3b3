/**
 * Whether a URL fragment asks for a lab (`lab=…`, see `lab-link.ts`). Cheap and on its own, so a
 * page checks its address without loading the link reader.
 */
export function hasLabLink(fragment: string): boolean {
  return /(?:^#?|&)lab=/.test(fragment);
}

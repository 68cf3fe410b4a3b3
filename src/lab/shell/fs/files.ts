import type { LabNode } from '../../document.ts';
import { allSysctlNames, readSysctl, sysctlExists, sysctlNameOfPath, sysctlPath, writeSysctlText } from '../kernel/sysctls.ts';
import type { NodeShellState } from '../node-state.ts';
import type { ShellRuntime } from '../types.ts';
import { BASE_DIRECTORIES, BASE_SYMLINKS, baseFile, baseFilePaths } from './base-files.ts';
import { dirname } from './paths.ts';
import { procNetFile, PROC_NET_FILES } from './proc-net.ts';
import { ACCESS_LOG, accessLogFile, hasAccessLog, HTTPD_LOG_DIR } from './httpd-log.ts';

/**
 * The files a node's commands see: the lesson's files (`node.files`) over the base system,
 * `/proc/sys` backed by the node's sysctls, and `/proc/net` backed by the running simulation.
 * Errors are errno names; callers print them as their tool does.
 */

export type FsError = 'ENOENT' | 'EISDIR' | 'EACCES' | 'EINVAL';

/** What the file system needs to know about a node. */
export interface FsView {
  readonly node: LabNode;
  readonly runtime: ShellRuntime | undefined;
  readonly state: NodeShellState;
}

/** A read that failed, and why. */
export interface FsFailure {
  readonly error: FsError;
}

/** strerror() of an FsError. */
export const FS_MESSAGES: Record<FsError, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
};

/** The path with a symbolic link of the base system at its start resolved (/lib/modules → /usr/lib/modules). */
function followLink(path: string): string {
  for (const [link, target] of Object.entries(BASE_SYMLINKS)) {
    if (path === link || path.startsWith(`${link}/`)) return target + path.slice(link.length);
  }
  return path;
}

/** Whether `path` (absolute, normalised) is a directory on this node. */
export function isDirectory(v: FsView, rawPath: string): boolean {
  const path = followLink(rawPath);
  if (BASE_DIRECTORIES.includes(path) || v.state.madeDirs.has(path)) return true;
  const prefix = path === '/' ? '/' : `${path}/`;
  if (path.startsWith('/proc/sys/')) return allSysctlNames(v.node).some((n) => sysctlPath(n).startsWith(prefix));
  return [...Object.keys(v.node.files), ...baseFilePaths(v.node)].some((f) => f.startsWith(prefix));
}

/** The content of a file, or why it cannot be read. */
export function readFile(v: FsView, rawPath: string): string | FsFailure {
  const path = followLink(rawPath);
  if (isDirectory(v, path)) return { error: 'EISDIR' };
  if (path === '/dev/null') return '';
  const sysctl = sysctlNameOfPath(path);
  if (sysctl !== undefined) {
    const value = readSysctl(v.node, sysctl);
    return value === undefined ? { error: 'ENOENT' } : `${value}\n`;
  }
  if (path.startsWith('/proc/')) return procNetFile(v, path) ?? { error: 'ENOENT' };
  if (path === ACCESS_LOG) return accessLogFile(v) ?? { error: 'ENOENT' };
  return v.node.files[path] ?? baseFile(v.node, path) ?? { error: 'ENOENT' };
}

/** Whether something exists at the path. */
export function exists(v: FsView, path: string): boolean {
  return typeof readFile(v, path) === 'string' || isDirectory(v, path);
}

/**
 * Writes (or appends) to a file: /proc/sys writes a sysctl (proc_dointvec parses the text), other
 * /proc files refuse, regular files go to `node.files` (their directory must exist).
 * Returns the edited node.
 */
export function writeFile(v: FsView, rawPath: string, content: string, append: boolean): LabNode | FsError {
  const path = followLink(rawPath);
  if (path === '/dev/null') return v.node;
  if (isDirectory(v, path)) return 'EISDIR';
  const sysctl = sysctlNameOfPath(path);
  if (sysctl !== undefined) {
    if (!sysctlExists(v.node, sysctl)) return 'ENOENT';
    return writeSysctlText(v.node, sysctl, content);
  }
  if (path.startsWith('/proc/')) return PROC_NET_FILES.includes(path) ? 'EACCES' : 'ENOENT';
  if (!isDirectory(v, dirname(path))) return 'ENOENT';
  const before = append ? readFile(v, path) : '';
  const text = (typeof before === 'string' ? before : '') + content;
  return { ...v.node, files: { ...v.node.files, [path]: text } };
}

/** Checks that a later write to `path` can open it (bash opens redirection targets first). */
export function checkWritable(v: FsView, rawPath: string): FsError | null {
  const path = followLink(rawPath);
  if (path === '/dev/null') return null;
  if (isDirectory(v, path)) return 'EISDIR';
  const sysctl = sysctlNameOfPath(path);
  if (sysctl !== undefined) return sysctlExists(v.node, sysctl) ? null : 'ENOENT';
  if (path.startsWith('/proc/')) return PROC_NET_FILES.includes(path) ? 'EACCES' : 'ENOENT';
  return isDirectory(v, dirname(path)) ? null : 'ENOENT';
}

/**
 * The names in a directory, from the same sources isDirectory uses (the lesson's files, the base
 * system, directories made with mkdir, /proc/sys's sysctls and /proc/net), sorted by byte value;
 * ENOENT when the path is not a directory.
 */
export function listDirectory(v: FsView, rawPath: string): string[] | 'ENOENT' {
  if (!isDirectory(v, rawPath)) return 'ENOENT';
  const path = followLink(rawPath);
  const prefix = path === '/' ? '/' : `${path}/`;
  const names = new Set<string>();
  const candidates = [
    ...Object.keys(v.node.files), ...baseFilePaths(v.node), ...BASE_DIRECTORIES, ...v.state.madeDirs, ...Object.keys(BASE_SYMLINKS),
    ...(path.startsWith('/proc/') ? [...allSysctlNames(v.node).map(sysctlPath), ...PROC_NET_FILES] : []),
    ...(path === HTTPD_LOG_DIR && hasAccessLog(v) ? [ACCESS_LOG] : []),
  ];
  for (const c of candidates) {
    if (c.startsWith(prefix) && c !== path) names.add(c.slice(prefix.length).split('/')[0]!);
  }
  return [...names].sort();
}

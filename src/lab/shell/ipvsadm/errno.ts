/**
 * The kernel's answers as ipvsadm prints them: ipvs_strerror (libipvs.c:1302), which picks a
 * message by the libipvs function that failed and the errno, and falls back to strerror.
 */

/** The errnos the IPVS control code returns to this lab's ipvsadm. */
export type Errno = 'EEXIST' | 'ENOENT' | 'ESRCH' | 'EINVAL' | 'ERANGE' | 'EAFNOSUPPORT' | 'ENOPROTOOPT' | 'ENODEV';

/** The libipvs call an errno came from (ipvs_func). */
export type LibipvsCall =
  | 'add_service' | 'update_service' | 'del_service' | 'zero_service' | 'add_dest' | 'update_dest' | 'del_dest'
  | 'set_timeout' | 'start_daemon' | 'stop_daemon' | 'get_service' | 'flush';

const BY_CALL: readonly { call: LibipvsCall; errno: Errno; message: string }[] = [
  { call: 'add_service', errno: 'EEXIST', message: 'Service already exists' },
  { call: 'add_service', errno: 'ENOENT', message: 'Scheduler or persistence engine not found' },
  { call: 'update_service', errno: 'ESRCH', message: 'No such service' },
  { call: 'update_service', errno: 'ENOENT', message: 'Scheduler or persistence engine not found' },
  { call: 'del_service', errno: 'ESRCH', message: 'No such service' },
  { call: 'zero_service', errno: 'ESRCH', message: 'No such service' },
  { call: 'add_dest', errno: 'ESRCH', message: 'Service not defined' },
  { call: 'add_dest', errno: 'EEXIST', message: 'Destination already exists' },
  { call: 'update_dest', errno: 'ESRCH', message: 'Service not defined' },
  { call: 'update_dest', errno: 'ENOENT', message: 'No such destination' },
  { call: 'del_dest', errno: 'ESRCH', message: 'Service not defined' },
  { call: 'del_dest', errno: 'ENOENT', message: 'No such destination' },
  { call: 'start_daemon', errno: 'EEXIST', message: 'Daemon has already run' },
  { call: 'stop_daemon', errno: 'ESRCH', message: 'No daemon is running' },
  { call: 'get_service', errno: 'ESRCH', message: 'No such service' },
];

const ANY_CALL: Partial<Record<Errno, string>> = {
  EINVAL: 'Invalid operation.  Possibly wrong module version, address not unicast, ...',
  ENOPROTOOPT: 'Protocol not available',
  EAFNOSUPPORT: 'Operation not supported with specified address family',
};

/** strerror (glibc) for the errnos no table entry covers. */
const STRERROR: Record<Errno, string> = {
  EEXIST: 'File exists', ENOENT: 'No such file or directory', ESRCH: 'No such process', EINVAL: 'Invalid argument',
  ERANGE: 'Numerical result out of range', EAFNOSUPPORT: 'Address family not supported by protocol',
  ENOPROTOOPT: 'Protocol not available', ENODEV: 'No such device',
};

/** ipvs_strerror(errno) after `call` failed. */
export function ipvsStrerror(call: LibipvsCall, errno: Errno): string {
  return BY_CALL.find((e) => e.call === call && e.errno === errno)?.message ?? ANY_CALL[errno] ?? STRERROR[errno];
}

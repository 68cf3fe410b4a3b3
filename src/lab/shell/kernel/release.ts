/**
 * The lab hosts' kernel, as uname reports it: a long-term 6.12 kernel (the version whose IPVS the
 * simulation follows, see sim/ipvs/schedulers/overhead.ts) packaged for CentOS 7 the way ELRepo
 * names its kernels, so its modules live in /usr/lib/modules/<release>/ as .ko.xz files.
 */

/** `uname -r`. */
export const KERNEL_RELEASE = '6.12.104-1.el7.elrepo.x86_64';

/** `uname -v`: the build's number, configuration and date. */
export const KERNEL_VERSION = '#1 SMP PREEMPT_DYNAMIC Fri Aug 29 10:12:31 EDT 2025';

/** `uname -m`. */
export const MACHINE = 'x86_64';

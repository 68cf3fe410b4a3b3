import { KERNEL_SCHEDULERS } from '../ipvsadm/kernel.ts';
import { KERNEL_RELEASE } from './release.ts';

/**
 * The lab kernel's IPVS modules and where their files are: ip_vs, one ip_vs_<name> per scheduler
 * and the FTP helper, in kernel/net/netfilter/ipvs/ (xz-compressed, as CentOS 7 kernels install
 * them). The lab kernel is built without the SIP persistence engine (ip_vs_pe_sip), which is why
 * ipvsadm's `--pe sip` is answered ENOENT (see ../ipvsadm/kernel.ts).
 */

/** The IPVS modules by name. */
export const IPVS_MODULES: readonly string[] = ['ip_vs', ...[...KERNEL_SCHEDULERS, 'ftp'].map((s) => `ip_vs_${s}`)];

/** The directory modinfo and modprobe look in (/lib is /usr/lib on CentOS 7). */
export const MODULES_DIR = `/lib/modules/${KERNEL_RELEASE}`;

/** The directory holding the IPVS modules, relative to MODULES_DIR. */
export const IPVS_MODULE_DIR = 'kernel/net/netfilter/ipvs';

/** The file of a module of this list, relative to MODULES_DIR (modules.dep's form), or undefined. */
export function ipvsModuleFile(module: string): string | undefined {
  return IPVS_MODULES.includes(module) ? `${IPVS_MODULE_DIR}/${module}.ko.xz` : undefined;
}

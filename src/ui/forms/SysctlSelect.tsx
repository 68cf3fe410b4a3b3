import { useState } from 'react';
import type { LabNode } from '../../lab/document.ts';
import { useT } from '../hooks/use-t.ts';
import { useCheckedEdit } from './checked-edit.ts';
import { LabErrors } from './FormErrors.tsx';
import { setSysctl } from './lab-edits.ts';
import type { ConfValue } from './sysctl-values.ts';

/** The values the kernel gives a meaning to (ip-sysctl.rst); other settings are on/off. */
const VALUES: Readonly<Record<string, readonly number[]>> = {
  arp_ignore: [0, 1, 2, 3, 4, 5, 6, 7, 8],
  arp_announce: [0, 1, 2],
  arp_accept: [0, 1, 2],
  rp_filter: [0, 1, 2],
};

/** The values offered for a sysctl key (the last part of its name). */
export function sysctlValues(key: string, current: number | undefined): number[] {
  const base = [...(VALUES[key] ?? [0, 1])];
  if (current !== undefined && !base.includes(current)) base.push(current);
  return base.sort((a, b) => a - b);
}

/**
 * One sysctl of a node: "(n)" means "not set here" and shows the value it inherits; choosing a
 * number sets it explicitly. Each change is one undoable edit.
 */
export function SysctlSelect({ node, name, inherited, onFocusKey }: {
  node: LabNode;
  name: string;
  /** What the node would read without an explicit value here, and where that comes from. */
  inherited: ConfValue;
  onFocusKey?: () => void;
}) {
  const t = useT();
  const edit = useCheckedEdit();
  const [errors, setErrors] = useState<readonly string[]>([]);
  const key = name.slice(name.lastIndexOf('.') + 1);
  const explicit = node.sysctls[name];
  const change = (v: string) => {
    const out = edit('form.edit.sysctl', (d) => setSysctl(d, node.id, name, v === '' ? undefined : Number(v)));
    setErrors(out.ok ? [] : out.errors);
  };
  const from = inherited.source === 'default-conf' ? t('form.sysctl.fromDefault', { value: inherited.value })
    : inherited.source === 'ip_forward' ? t('form.sysctl.fromIpForward', { value: inherited.value })
      : t('form.sysctl.kernelDefault', { value: inherited.value });
  return (
    <>
      <select
        className={`form-sysctl${explicit !== undefined ? ' form-sysctl--set' : ''}`}
        data-testid={`sysctl-${name}`}
        aria-label={name}
        value={explicit === undefined ? '' : String(explicit)}
        onChange={(e) => change(e.target.value)}
        onFocus={onFocusKey}
        onMouseEnter={onFocusKey}
        title={explicit === undefined ? `${name} = ${from}` : t('form.sysctl.explicit', { name, value: explicit })}
      >
        {/* Options stay short so the table fits: "(n)" is "not set here", showing the value it inherits. */}
        <option value="" title={from}>{`(${inherited.value})`}</option>
        {sysctlValues(key, explicit).map((v) => <option key={v} value={String(v)}>{v}</option>)}
      </select>
      <LabErrors errors={errors} />
    </>
  );
}

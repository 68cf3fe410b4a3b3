import type { LabDocument } from '../../lab/document.ts';

/** A file name for a lab: its English title in lower case, words joined by dashes. */
export function labFileName(doc: LabDocument): string {
  const slug = doc.title.en.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${slug || 'lab'}.json`;
}

/** The document as the JSON a lab file holds (what Import reads back). */
export function labJson(doc: LabDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Offers text as a file download. */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

import type { LabDocument } from '../../lab/document.ts';
import type { EditorHost, EditorPreview, EditorSelection } from '../host.ts';
import type { Refusal } from '../topology.ts';

/** An EditorHost over plain variables, with an undo history like the store's, for tests. */
export class FakeEditorHost implements EditorHost {
  past: { doc: LabDocument; label: string }[] = [];
  selection: EditorSelection = {};
  preview: EditorPreview | undefined;
  opened: string[] = [];
  refusals: Refusal[] = [];

  constructor(public doc: LabDocument) {}

  getDoc = (): LabDocument => this.doc;
  getSelection = (): EditorSelection => this.selection;
  edit = (label: string, fn: (d: LabDocument) => LabDocument): void => {
    const after = fn(this.doc);
    if (after === this.doc) return;
    this.past.push({ doc: this.doc, label });
    this.doc = after;
  };
  replaceDocument = (doc: LabDocument): void => {
    this.doc = doc;
  };
  select = (sel: EditorSelection): void => {
    this.selection = sel;
  };
  openProperties = (id: string): void => {
    this.opened.push(id);
  };
  setPreview = (p: EditorPreview | undefined): void => {
    this.preview = p;
  };
  refuse = (r: Refusal): void => {
    this.refusals.push(r);
  };
  undo(): void {
    const last = this.past.pop();
    if (last) this.doc = last.doc;
  }
}

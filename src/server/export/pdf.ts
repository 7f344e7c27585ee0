import PDFDocument from 'pdfkit';
import type { NoteSentence } from '../../core/index.js';
import { FORMAT_NAMES } from '../../core/notes/layouts.js';
import {
  displayTime,
  documentTime,
  documentTimeZone,
  noteTitle,
  personName,
  plainSentence,
  sentenceRefs,
  sessionFacts,
  sortedAddenda,
  type NoteExportInput,
  practiceContact,
} from './input.js';
import { signatureLines } from './text.js';
import { toWinAnsi } from './winansi.js';

/**
 * The progress note as a clinical PDF document (PDFKit, built-in Helvetica): practice and title,
 * client and session facts, each section with its sentences (transcript time references small
 * and grey), the four-component table per intervention, the signature block (or a draft banner
 * and watermark), addenda, and on every page the client, page numbers and a PHI notice.
 *
 * Deterministic: the same input gives the same bytes (the creation date is the document's own
 * time, see `documentTime`).
 */
export interface PdfOptions {
  /** Compress page content (default true). Tests turn it off to read the text. */
  compress?: boolean;
}

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const INK = '#1a1a1a';
const GREY = '#6b6b6b';
const LIGHT = '#c8ccd2';
const ACCENT = '#1f4e79';
const ALERT = '#a4161a';
const MARGIN = { top: 54, bottom: 72, left: 54, right: 54 };

export const PHI_NOTICE = 'Confidential — contains protected health information';

type Doc = PDFKit.PDFDocument;

class NotePdf {
  private replaced = 0;

  constructor(
    private readonly doc: Doc,
    private readonly input: NoteExportInput,
  ) {}

  /** Every string bound for the page goes through here (WinAnsi-safe, unmappable counted). */
  private t(s: string): string {
    const r = toWinAnsi(s);
    this.replaced += r.replaced;
    return r.text;
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }
  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Start a new page unless `height` points fit below the cursor. */
  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private gap(points: number): void {
    this.doc.y += points;
  }

  private rule(color = LIGHT): void {
    const y = this.doc.y;
    this.doc
      .save()
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.75)
      .strokeColor(color)
      .stroke()
      .restore();
  }

  render(): number {
    this.header();
    this.facts();
    this.riskAlert();
    for (const section of this.input.note.body.sections) {
      this.heading(section.heading);
      if (section.sentences.length === 0) this.paragraph('Nothing recorded.', ITALIC, GREY);
      for (const s of section.sentences) this.sentence(s);
    }
    this.interventions();
    this.signature();
    this.addenda();
    if (this.replaced > 0) {
      this.gap(10);
      this.paragraph(
        `${this.replaced} character${this.replaced === 1 ? '' : 's'} outside this PDF's font could not be shown and appear as "?". The copy-ready text and the FHIR export keep them.`,
        ITALIC,
        GREY,
        8,
      );
    }
    this.pageDecorations();
    return this.replaced;
  }

  private header(): void {
    const { doc, input } = this;
    if (input.practice) {
      doc.font(BOLD).fontSize(9).fillColor(GREY).text(this.t(input.practice.name), this.left);
      const contact = practiceContact(input.practice);
      if (contact !== '') {
        doc.font(FONT).fontSize(8).fillColor(GREY).text(this.t(contact), this.left);
      }
      this.gap(2);
    }
    doc
      .font(BOLD)
      .fontSize(18)
      .fillColor(ACCENT)
      .text(this.t(noteTitle(input.note)), this.left);
    this.gap(4);
    if (input.note.status !== 'signed') {
      const y = doc.y;
      doc.save().rect(this.left, y, this.width, 22).fill(ALERT).restore();
      doc
        .font(BOLD)
        .fontSize(10.5)
        .fillColor('#ffffff')
        .text('DRAFT — NOT SIGNED. This note may still change.', this.left + 8, y + 6.5, {
          width: this.width - 16,
          lineBreak: false,
        });
      doc.x = this.left;
      doc.y = y + 28;
    }
    this.rule(ACCENT);
    this.gap(8);
  }

  /** Label/value pairs in two columns. */
  private grid(title: string, pairs: readonly (readonly [string, string])[]): void {
    const { doc } = this;
    doc.font(BOLD).fontSize(8).fillColor(GREY).text(title.toUpperCase(), this.left, doc.y, {
      characterSpacing: 0.6,
    });
    this.gap(3);
    const colW = (this.width - 12) / 2;
    for (let i = 0; i < pairs.length; i += 2) {
      const row = pairs.slice(i, i + 2).map(([k, v]) => [this.t(k), this.t(v)] as const);
      doc.font(FONT).fontSize(9.5);
      const h = Math.max(...row.map(([k, v]) => doc.heightOfString(`${k}: ${v}`, { width: colW })));
      this.ensure(h);
      const y = doc.y;
      row.forEach(([k, v], col) => {
        doc
          .font(BOLD)
          .fontSize(9.5)
          .fillColor(INK)
          .text(`${k}: `, this.left + col * (colW + 12), y, { width: colW, continued: true })
          .font(FONT)
          .text(v);
      });
      doc.x = this.left;
      doc.y = y + h + 2;
    }
    this.gap(6);
  }

  private facts(): void {
    const { note, client, session, author } = this.input;
    const p = client.profile;
    const clientPairs: [string, string][] = [
      ['Client', p.name],
      ['Date of birth', p.dateOfBirth ?? 'not recorded'],
      ...p.identifiers.map((id): [string, string] => [id.system, id.value]),
    ];
    if (p.diagnoses.length > 0) {
      clientPairs.push([
        'Diagnosis',
        p.diagnoses.map((d) => (d.code ? `${d.code} ${d.description}` : d.description)).join('; '),
      ]);
    }
    this.grid('Client', clientPairs);
    const f = sessionFacts(session, note);
    this.grid('Session', [
      ['Date', f.date],
      ['Service type', f.serviceType],
      ['Start', f.start],
      ['Stop', f.stop],
      ['Duration', f.duration],
      ['CPT', f.cpt],
      ['Location', f.location],
      ['Note format', FORMAT_NAMES[note.format]],
      ['Clinician', author.name],
    ]);
    this.rule();
    this.gap(6);
  }

  private riskAlert(): void {
    const sections = this.input.note.body.sections;
    const count = sections.flatMap((s) => s.sentences).filter((s) => s.topic === 'risk_endorsed');
    if (count.length === 0) return;
    const where = sections.find((s) => s.sentences.some((x) => x.topic === 'risk_endorsed'));
    const text = this.t(
      `Risk endorsed in this session (${count.length} finding${count.length === 1 ? '' : 's'}): see ${where?.heading ?? 'the note'}.`,
    );
    const { doc } = this;
    doc.font(BOLD).fontSize(10);
    const h = doc.heightOfString(text, { width: this.width - 16 }) + 12;
    this.ensure(h);
    const y = doc.y;
    doc.save().lineWidth(1.2).rect(this.left, y, this.width, h).stroke(ALERT).restore();
    doc.fillColor(ALERT).text(text, this.left + 8, y + 6, { width: this.width - 16 });
    doc.x = this.left;
    doc.y = y + h + 8;
  }

  private heading(text: string): void {
    const { doc } = this;
    this.gap(8);
    this.ensure(60);
    doc.font(BOLD).fontSize(12.5).fillColor(ACCENT).text(this.t(text), this.left);
    this.gap(2);
    this.rule();
    this.gap(5);
  }

  private paragraph(text: string, font = FONT, color = INK, size = 10): void {
    this.doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(this.t(text), this.left, this.doc.y, { width: this.width });
    this.gap(3);
  }

  /**
   * One sentence: a bullet (or an empty box for what the clinician completes), its text, and its
   * transcript time references in a smaller grey font.
   */
  private sentence(s: NoteSentence): void {
    const { doc } = this;
    const indent = 14;
    const x = this.left + indent;
    const width = this.width - indent;
    const refs = sentenceRefs(s);
    const refText = refs.length > 0 ? ` ${refs.map((r) => `[${r}]`).join(' ')}` : '';
    const toComplete = s.kind === 'clinician_to_complete';
    const notAssessed = s.kind === 'not_assessed';
    // A statement from the client's record (outcome measures) says so after its text.
    const text = this.t(
      toComplete
        ? `Clinician to complete: ${s.text}`
        : s.kind === 'record'
          ? plainSentence(s)
          : s.text,
    );
    doc.font(notAssessed || toComplete ? ITALIC : FONT).fontSize(10);
    this.ensure(Math.min(doc.heightOfString(text, { width }), 3 * doc.currentLineHeight(true)));
    const y = doc.y;
    if (toComplete) {
      doc
        .save()
        .lineWidth(0.9)
        .rect(this.left + 1, y + 1, 8.5, 8.5)
        .stroke(INK)
        .restore();
    } else {
      doc.fillColor(GREY).text('•', this.left + 2, y, { lineBreak: false });
    }
    doc
      .font(notAssessed || toComplete ? ITALIC : FONT)
      .fontSize(10)
      .fillColor(toComplete ? GREY : INK)
      .text(text, x, y, { width, continued: refText !== '' });
    if (refText !== '') {
      // The line the references start on holds 10 pt text: keep its full height when they wrap.
      const lineHeight = doc.currentLineHeight(true);
      doc.font(FONT).fontSize(7.5);
      const lineGap = Math.max(0, lineHeight - doc.currentLineHeight(true));
      doc.fillColor(GREY).text(this.t(refText), { lineGap });
    }
    doc.x = this.left;
    this.gap(3.5);
  }

  private cell(s: NoteSentence): string {
    const refs = sentenceRefs(s);
    const base = s.kind === 'finding' ? s.text : plainSentence(s);
    return this.t(refs.length > 0 ? `${base} [${refs.join('] [')}]` : base);
  }

  private interventions(): void {
    const entries = this.input.note.body.interventions;
    if (entries.length === 0) return;
    this.heading('Interventions (four components)');
    const { doc } = this;
    const header = ['Intervention', 'Client response', 'Progress indicator', 'Link to goal'];
    doc.font(FONT).fontSize(8.5).fillColor(INK);
    doc.table({
      position: { x: this.left, y: doc.y },
      maxWidth: this.width,
      columnStyles: ['*', '*', '*', '*'],
      defaultStyle: { border: 0.5, borderColor: LIGHT, padding: [4, 4, 4, 4] },
      data: [
        header.map((text) => ({
          text,
          type: 'TH' as const,
          font: { src: BOLD, size: 8.5 },
          backgroundColor: '#eef2f6',
        })),
        ...entries.map((e) =>
          [e.intervention, e.response, e.progress, e.goalLink].map((s) => ({
            text: this.cell(s),
            font: { src: s.kind === 'finding' ? FONT : ITALIC, size: 8.5 },
          })),
        ),
      ],
    });
    doc.x = this.left;
    this.gap(4);
  }

  private signature(): void {
    const { doc, input } = this;
    this.heading('Signature');
    const signed = input.note.status === 'signed';
    for (const line of signatureLines(input)) {
      this.paragraph(line, signed ? FONT : BOLD, signed ? INK : ALERT, 10.5);
    }
    if (signed) {
      doc
        .font(ITALIC)
        .fontSize(8)
        .fillColor(GREY)
        .text(
          'Signed electronically in DocScrib. A signed note is locked; changes are added as addenda.',
          this.left,
          doc.y,
          { width: this.width },
        );
    }
  }

  private addenda(): void {
    const { input } = this;
    if (input.addenda.length === 0) return;
    this.heading('Addenda');
    for (const a of sortedAddenda(input.addenda)) {
      this.ensure(40);
      this.paragraph(
        `Addendum — ${displayTime(a.createdAt, documentTimeZone(input))} — ${personName(input, a.authorId)}`,
        BOLD,
        INK,
        9.5,
      );
      this.paragraph(a.text);
      this.gap(4);
    }
  }

  /** Watermark (drafts), footer with client, page numbers and the PHI notice, on every page. */
  private pageDecorations(): void {
    const { doc, input } = this;
    const range = doc.bufferedPageRange();
    const p = input.client.profile;
    // Every page names the client, so a loose page can be filed (the replaced count is final here).
    const who = this.t(
      `${p.name} · DOB ${p.dateOfBirth ?? 'not recorded'} · session ${input.session.details.date}` +
        (this.replaced > 0 ? ' · some characters could not be shown (?)' : ''),
    );
    const running = this.t(`${noteTitle(input.note)} · ${p.name} · ${input.session.details.date}`);
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const page = doc.page;
      const bottomMargin = page.margins.bottom;
      page.margins.bottom = 0; // writing in the margin must not start a new page
      if (input.note.status !== 'signed') {
        doc
          .save()
          .rotate(-35, { origin: [page.width / 2, page.height / 2] })
          .font(BOLD)
          .fontSize(96)
          .fillColor(ALERT)
          .fillOpacity(0.08)
          .text('DRAFT', 0, page.height / 2 - 48, { width: page.width, align: 'center' })
          .restore();
      }
      if (i > range.start) {
        doc
          .font(FONT)
          .fontSize(7.5)
          .fillColor(GREY)
          .text(running, page.margins.left, page.margins.top - 26, {
            width: page.width - page.margins.left - page.margins.right,
            lineBreak: false,
            ellipsis: true,
          });
      }
      const y = page.height - bottomMargin + 18;
      doc
        .save()
        .moveTo(page.margins.left, y - 6)
        .lineTo(page.width - page.margins.right, y - 6)
        .lineWidth(0.5)
        .strokeColor(LIGHT)
        .stroke()
        .restore();
      const w = page.width - page.margins.left - page.margins.right;
      doc.font(BOLD).fontSize(7.5).fillColor(GREY);
      doc.text(PHI_NOTICE, page.margins.left, y, { width: w, lineBreak: false });
      doc
        .font(FONT)
        .text(`Page ${i - range.start + 1} of ${range.count}`, page.margins.left, y, {
          width: w,
          align: 'right',
          lineBreak: false,
        })
        .text(who, page.margins.left, y + 10, { width: w, lineBreak: false, ellipsis: true });
      page.margins.bottom = bottomMargin;
    }
  }
}

export interface RenderedPdf {
  pdf: Buffer;
  /** Characters the PDF font could not show (written as `?`). */
  replacedCharacters: number;
}

/** Render the note; resolves with the PDF bytes and how many characters had to be replaced. */
export function renderNotePdfDetailed(
  input: NoteExportInput,
  options: PdfOptions = {},
): Promise<RenderedPdf> {
  const when = new Date(documentTime(input));
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: 'en-US',
    displayTitle: true,
    info: {
      Title: toWinAnsi(`${noteTitle(input.note)}, session ${input.session.details.date}`).text,
      Author: toWinAnsi(input.author.name).text,
      Creator: 'DocScrib',
      Producer: 'DocScrib',
      CreationDate: when,
      ModDate: when,
    },
  });
  return new Promise<RenderedPdf>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('error', reject);
    let replacedCharacters = 0;
    doc.on('end', () => {
      resolve({ pdf: Buffer.concat(chunks), replacedCharacters });
    });
    try {
      replacedCharacters = new NotePdf(doc, input).render();
      doc.end();
    } catch (e) {
      reject(e instanceof Error ? e : new Error('PDF rendering failed'));
    }
  });
}

export async function renderNotePdf(
  input: NoteExportInput,
  options: PdfOptions = {},
): Promise<Buffer> {
  return (await renderNotePdfDetailed(input, options)).pdf;
}

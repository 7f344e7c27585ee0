/**
 * The questionnaire's forms: each instrument's stem, then each item as a fieldset whose legend is
 * "Question X of N" and the item, with one large radio button per answer option. Sending with
 * questions unanswered lists them (each a button that takes the focus to its question) and marks
 * each one in words, tied to its radios by aria-describedby. Answers stay in memory only. When
 * sending fails for any reason (throttled, link no longer valid, no connection) after an answer
 * that raises a risk alert (PHQ-9 item 9 above "Not at all"), the practice's crisis resources are
 * shown at once, saying the answers were not sent.
 */
import { useEffect, useId, useMemo, useRef, useState, type SubmitEvent } from 'react';
import type { PublicQuestionnaire } from '../../../src/server/domain/care.js';
import { submitAnswers } from './api';
import { CrisisResources } from './CrisisResources';
import { LINK_INVALID, problemFor, type Problem } from './messages';
import {
  missingMessage,
  progressText,
  questionLabel,
  questionsOf,
  raisesAlert,
  submitBody,
  unanswered,
  type Answers,
  type Crisis,
  type Question,
  type QuestionnaireForm,
} from './model';

/** More unanswered questions than this: one button, to the first of them. */
const MAX_LISTED = 5;

interface Props {
  token: string;
  questionnaire: PublicQuestionnaire;
  onDone: (crisis: Crisis | null) => void;
  /**
   * The link stopped working meanwhile (expired, used elsewhere); `crisis` when an answer given
   * raised a risk alert (the answers were not sent: show the crisis resources).
   */
  onLinkDead: (problem: Problem, crisis: Crisis | null) => void;
}

export function Questionnaire({ token, questionnaire, onDone, onLinkDead }: Props) {
  const questions = useMemo(() => questionsOf(questionnaire), [questionnaire]);
  const [answers, setAnswers] = useState<Answers>({});
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sendProblem, setSendProblem] = useState<Problem | null>(null);
  /** Sending failed after an answer that raises a risk alert: crisis resources stay shown. */
  const [unsentAlert, setUnsentAlert] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [summaryShown, setSummaryShown] = useState(0);
  const prefix = useId();

  const missing = checked ? unanswered(questions, answers) : [];
  const missingKeys = new Set(missing.map((q) => q.key));
  const answered = questions.length - unanswered(questions, answers).length;

  // Leaving with answers not sent asks first (they exist only on this page).
  useEffect(() => {
    if (answered === 0) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
    };
  }, [answered]);

  useEffect(() => {
    if (summaryShown > 0) summaryRef.current?.focus();
  }, [summaryShown]);

  const choose = (q: Question, value: number) => {
    setAnswers((a) => ({ ...a, [q.key]: value }));
  };

  const focusQuestion = (key: string) => {
    const el = document.getElementById(`${prefix}-${key}`);
    const radio = el?.querySelector<HTMLInputElement>('input[type=radio]');
    el?.scrollIntoView({ block: 'center' });
    radio?.focus();
  };

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy) return;
    setSendProblem(null);
    const body = submitBody(token, questionnaire, answers);
    if (body === null) {
      setChecked(true);
      setSummaryShown((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const result = await submitAnswers(body);
      onDone(result.crisis);
    } catch (err) {
      const problem = problemFor(err);
      const alert = raisesAlert(questionnaire, answers);
      if (problem === LINK_INVALID) {
        onLinkDead(problem, alert ? questionnaire.crisisResources : null);
      } else {
        if (alert) setUnsentAlert(true);
        setSendProblem(problem);
      }
    } finally {
      setBusy(false);
    }
  }

  const total = questions.length;
  let offset = 0;
  return (
    <form className="respond-form" noValidate onSubmit={(e) => void submit(e)}>
      <p className="respond-intro">
        {questionnaire.instruments.length === 1
          ? `There ${total === 1 ? 'is 1 question' : `are ${total} questions`}. Choose the answer that fits you best for each one.`
          : `There are ${total} questions in ${questionnaire.instruments.length} parts. Choose the answer that fits you best for each one.`}{' '}
        Your answers go to your clinician.
      </p>
      {missing.length > 0 ? (
        <div className="respond-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <h2>Some questions have no answer yet</h2>
          <p>{missingMessage(missing)} Please answer every question before sending.</p>
          <ul>
            {(missing.length <= MAX_LISTED ? missing : missing.slice(0, 1)).map((q) => (
              <li key={q.key}>
                <button
                  type="button"
                  className="respond-link-button"
                  onClick={() => {
                    focusQuestion(q.key);
                  }}
                >
                  Go to question {q.number}
                  {missing.length > MAX_LISTED ? ' (the first without an answer)' : ''}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {questionnaire.instruments.map((form, fi) => {
        const start = offset;
        offset += form.items.length;
        return (
          <FormPart
            key={form.id}
            form={form}
            part={fi + 1}
            parts={questionnaire.instruments.length}
            questions={questions.slice(start, start + form.items.length)}
            total={total}
            answers={answers}
            missing={missingKeys}
            prefix={prefix}
            onChoose={choose}
          />
        );
      })}
      <p className="respond-progress">{progressText(answered, total)}</p>
      {unsentAlert ? <CrisisResources crisis={questionnaire.crisisResources} unsent /> : null}
      {sendProblem !== null ? (
        <div className="respond-error" role="alert">
          <p>
            <strong>{sendProblem.title}.</strong> {sendProblem.text}
          </p>
          {sendProblem.hint !== undefined ? <p>{sendProblem.hint}</p> : null}
        </div>
      ) : null}
      <button type="submit" className="respond-button" disabled={busy}>
        {busy ? 'Sending…' : 'Send my answers'}
      </button>
    </form>
  );
}

interface PartProps {
  form: QuestionnaireForm;
  part: number;
  parts: number;
  questions: Question[];
  total: number;
  answers: Answers;
  missing: ReadonlySet<string>;
  prefix: string;
  onChoose: (q: Question, value: number) => void;
}

function FormPart({
  form,
  part,
  parts,
  questions,
  total,
  answers,
  missing,
  prefix,
  onChoose,
}: PartProps) {
  const headingId = `${prefix}-${form.id}-title`;
  return (
    <section className="respond-part" aria-labelledby={headingId}>
      <h2 id={headingId}>{parts > 1 ? `Part ${part} of ${parts}: ${form.name}` : form.name}</h2>
      <p className="respond-stem">{form.stem}</p>
      {questions.map((q) => {
        const id = `${prefix}-${q.key}`;
        const errorId = `${id}-error`;
        const isMissing = missing.has(q.key);
        return (
          <fieldset
            key={q.key}
            id={id}
            className={`respond-question${isMissing ? ' is-missing' : ''}`}
          >
            <legend>
              <span className="respond-number">{questionLabel(q.number, total)}</span>
              <span className="respond-item">{q.text}</span>
            </legend>
            {isMissing ? (
              <p className="respond-question-error" id={errorId}>
                Not answered yet: choose one answer.
              </p>
            ) : null}
            <div className="respond-options">
              {form.answerOptions.map((o) => (
                <label key={o.value} className="respond-option">
                  <input
                    type="radio"
                    name={id}
                    value={o.value}
                    checked={answers[q.key] === o.value}
                    onChange={() => {
                      onChoose(q, o.value);
                    }}
                    {...(isMissing ? { 'aria-describedby': errorId, 'aria-invalid': true } : {})}
                  />
                  <span>{o.label}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
    </section>
  );
}

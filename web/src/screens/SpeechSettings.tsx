/**
 * The practice's speech settings on the Settings screen (administrators): which engine
 * transcribes recordings (with whether it can run on this server now, from
 * `GET /api/speech/engines`), the Whisper model file, the OpenAI-compatible server's base URL and
 * model (its key stays in the server's environment, DOCSCRIB_SPEECH_API_KEY), and whether audio
 * is kept after transcription.
 */
import { useEffect, useId, useState } from 'react';
import { api } from '../api';
import type { SpeechEnginesReport, SpeechSettings } from '../types';
import { InputField } from '../components/fields';
import { Field } from '../ui';

const ENGINE_WORDS: Record<SpeechSettings['engine'], string> = {
  pocketsphinx: 'Offline, built in (pocketsphinx): draft quality',
  whisper: 'Whisper, from a model file on this server',
  openai: 'An OpenAI-compatible speech server',
};

export function SpeechFieldset({
  speech,
  onChange,
}: {
  speech: SpeechSettings;
  onChange: (s: SpeechSettings) => void;
}) {
  const [report, setReport] = useState<SpeechEnginesReport | null>(null);
  const [engineError, setEngineError] = useState(false);
  const modelsId = useId();
  const keepId = useId();

  useEffect(() => {
    let live = true;
    api.speechEngines().then(
      (r) => {
        if (live) setReport(r);
      },
      () => {
        if (live) setEngineError(true);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const engines = report?.engines;
  const info = engines?.find((e) => e.id === speech.engine);
  const patch = (p: Partial<SpeechSettings>) => {
    onChange({ ...speech, ...p });
  };
  const models = report?.whisperModels ?? [];

  return (
    <fieldset className="speech-settings">
      <legend>Speech (recordings and audio files)</legend>
      <Field
        label="Speech engine"
        hint={
          engineError
            ? 'Could not ask the server which engines it can run.'
            : info === undefined
              ? undefined
              : info.available
                ? 'Available on this server.'
                : `Not available now: ${info.problem?.message ?? ''} ${info.problem?.hint ?? ''}`.trim()
        }
      >
        {(p) => (
          <select
            {...p}
            value={speech.engine}
            onChange={(e) => {
              patch({ engine: e.target.value as SpeechSettings['engine'] });
            }}
          >
            {(Object.keys(ENGINE_WORDS) as SpeechSettings['engine'][]).map((id) => {
              const avail = engines?.find((e) => e.id === id);
              return (
                <option key={id} value={id}>
                  {ENGINE_WORDS[id]}
                  {avail && !avail.available ? ' (not available)' : ''}
                </option>
              );
            })}
          </select>
        )}
      </Field>
      {speech.engine === 'whisper' ? (
        <>
          <InputField
            label="Whisper model file"
            hint={`A ggml model file in the server's models directory${report?.modelsDir !== undefined ? ` (${report.modelsDir})` : ''}; \`docscrib models\` lists them.`}
            value={speech.whisperModel}
            list={modelsId}
            spellCheck={false}
            autoComplete="off"
            onValue={(v) => {
              patch({ whisperModel: v });
            }}
          />
          <datalist id={modelsId}>
            {models.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </>
      ) : null}
      {speech.engine === 'openai' ? (
        <div className="form-grid">
          <InputField
            label="Server base URL"
            hint="For example http://127.0.0.1:8080/v1. The key is DOCSCRIB_SPEECH_API_KEY on the server."
            type="url"
            value={speech.openaiBaseUrl ?? ''}
            spellCheck={false}
            autoComplete="off"
            onValue={(v) => {
              const rest: SpeechSettings = { ...speech };
              delete rest.openaiBaseUrl;
              onChange(v.trim() === '' ? rest : { ...rest, openaiBaseUrl: v.trim() });
            }}
          />
          <InputField
            label="Model"
            hint="The model name the server expects, e.g. whisper-1."
            value={speech.openaiModel}
            spellCheck={false}
            autoComplete="off"
            onValue={(v) => {
              patch({ openaiModel: v });
            }}
          />
        </div>
      ) : null}
      <div className="field">
        <div className="checkbox">
          <input
            id={keepId}
            type="checkbox"
            checked={speech.keepAudio}
            aria-describedby={`${keepId}-hint`}
            onChange={(e) => {
              patch({ keepAudio: e.target.checked });
            }}
          />
          <label htmlFor={keepId}>Keep the audio after transcription</label>
        </div>
        <p className="field-hint" id={`${keepId}-hint`}>
          Off: a session&apos;s audio is deleted once its transcript and draft note are written.
        </p>
      </div>
    </fieldset>
  );
}

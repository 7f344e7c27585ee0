/**
 * The session's details (date, face-to-face times, service type, location, telehealth platform)
 * and the consent-to-record checkbox, shared by the new-session screen (transcript or audio file)
 * and the record screen. `useSessionDetails` holds the values, checks them and builds the API's
 * `details`; `SessionDetailsFieldset` renders them.
 */
import { useState } from 'react';
import { LOCATION_LABELS, SERVICE_TYPE_LABELS, todayIso } from '../format';
import type { SessionDetails } from '../types';
import { InputField, LabelOptions, SelectField } from './fields';

type Location = SessionDetails['location'];
type ServiceType = SessionDetails['serviceType'];

export interface SessionDetailsForm {
  date: string;
  setDate: (v: string) => void;
  startTime: string;
  setStartTime: (v: string) => void;
  endTime: string;
  setEndTime: (v: string) => void;
  serviceType: ServiceType;
  setServiceType: (v: ServiceType) => void;
  location: Location;
  setLocation: (v: Location) => void;
  platform: string;
  setPlatform: (v: string) => void;
  consent: boolean;
  setConsent: (v: boolean) => void;
  /** What is missing or wrong, one sentence each (empty: fine). */
  problems: (consentWhat: string) => string[];
  /** The API's `details`. */
  details: () => SessionDetails;
}

export function useSessionDetails(): SessionDetailsForm {
  const [date, setDate] = useState(todayIso());
  const [startTime, setStartTime] = useState('');
  const [endTime, setEndTime] = useState('');
  const [serviceType, setServiceType] = useState<ServiceType>('individual');
  const [location, setLocation] = useState<Location>('office');
  const [platform, setPlatform] = useState('');
  const [consent, setConsent] = useState(false);
  return {
    date,
    setDate,
    startTime,
    setStartTime,
    endTime,
    setEndTime,
    serviceType,
    setServiceType,
    location,
    setLocation,
    platform,
    setPlatform,
    consent,
    setConsent,
    problems: (consentWhat) => {
      const p: string[] = [];
      if (date === '') p.push('Date: enter the date of the session.');
      if ((startTime === '') !== (endTime === '')) {
        p.push('Start and stop times: give both (or neither). Psychotherapy codes need both.');
      }
      if (startTime !== '' && endTime !== '' && endTime <= startTime) {
        p.push('Stop time: it must be after the start time.');
      }
      if (location === 'telehealth' && platform.trim() === '') {
        p.push('Telehealth platform: name the platform used (for example Doxy.me).');
      }
      if (!consent) p.push(`Consent to record: ${consentWhat}`);
      return p;
    },
    details: () => ({
      date,
      startTime: startTime === '' ? null : startTime,
      endTime: endTime === '' ? null : endTime,
      serviceType,
      location,
      telehealthPlatform: location === 'telehealth' ? platform.trim() : null,
      consentToRecord: consent,
    }),
  };
}

export function SessionDetailsFieldset({
  form,
  consentLabel = 'The client consented to recording and transcription of this session',
  hideTimes = false,
}: {
  form: SessionDetailsForm;
  consentLabel?: string;
  /** The record screen leaves the times out: the recording's own length is known. */
  hideTimes?: boolean;
}) {
  return (
    <fieldset>
      <legend>Session</legend>
      <div className="form-grid">
        <InputField label="Date" type="date" value={form.date} onValue={form.setDate} required />
        {hideTimes ? null : (
          <>
            <InputField
              label="Start time"
              type="time"
              value={form.startTime}
              onValue={form.setStartTime}
            />
            <InputField
              label="Stop time"
              type="time"
              value={form.endTime}
              onValue={form.setEndTime}
            />
          </>
        )}
        <SelectField label="Service type" value={form.serviceType} onValue={form.setServiceType}>
          <LabelOptions labels={SERVICE_TYPE_LABELS} />
        </SelectField>
        <SelectField label="Location" value={form.location} onValue={form.setLocation}>
          <LabelOptions labels={LOCATION_LABELS} />
        </SelectField>
        {form.location === 'telehealth' ? (
          <InputField
            label="Telehealth platform"
            value={form.platform}
            onValue={form.setPlatform}
            required
          />
        ) : null}
      </div>
      <div className="checkbox">
        <input
          id="consent"
          type="checkbox"
          checked={form.consent}
          onChange={(e) => {
            form.setConsent(e.target.checked);
          }}
        />
        <label htmlFor="consent">{consentLabel}</label>
      </div>
    </fieldset>
  );
}

import { describe, expect, it } from 'vitest';
import { extractHomework } from './homework.js';
import { extractIndicators } from './indicators.js';
import { asr, snippetContext, type Line } from './test-helpers.js';

/** Fictional snippets; T clinician, C client, P partner. */
function hw(lines: readonly Line[], filler = 0) {
  const all: Line[] = [...lines];
  for (let i = 0; i < filler; i++) all.unshift(['C', 'Mm.'], ['T', 'Go on.']);
  return extractHomework(snippetContext(all));
}

describe('review of a behavioural step (no worksheet)', () => {
  it.each<Line[]>([
    [
      ['T', 'Last week you were going to go to the information evening. How did that go?'],
      ['C', 'I went! I stood at the back for most of it, but I stayed till the end.'],
    ],
    [
      ['T', 'So, did you get a chance to call her?'],
      ['C', 'I did, on Sunday. It was awkward at first but we talked for an hour.'],
    ],
    [
      ['T', 'How did the check-ins go this week?'],
      ['C', 'Three times. Monday, Tuesday, Saturday.'],
      ['P', 'Saturday was the good one.'],
    ],
    [
      ['T', 'You said you would try saying no to one extra shift. Were you able to?'],
      ['C', "Not really. I said yes again, I couldn't do it."],
    ],
  ])('reviewed: %#', (...lines) => {
    expect(hw(lines).reviewed).toBe(true);
    expect(hw(asr(lines)).reviewed).toBe(true);
  });

  it("continuity about last session's content is not a homework review", () => {
    const lines: Line[] = [
      ['T', 'Last week you said something about your mother that stayed with me.'],
      ['C', 'About the piano lessons? Yes. I thought about it too.'],
      ['T', 'What did you notice, thinking about it?'],
      ['C', 'That I was always waiting for her to come and listen. She never did.'],
      ['T', 'Can we talk about what we talked about at the end last time, the waiting?'],
      ['C', 'I did think about the waiting, yes.'],
    ];
    expect(hw(lines).reviewed).toBe(false);
    expect(hw(asr(lines)).reviewed).toBe(false);
  });

  it.each<Line[]>([
    [
      ['T', "Let's go back to what we talked about last week. How has that been for you?"],
      ['C', 'I did think about it a lot. I had a dream about her.'],
    ],
    [
      ['T', 'Last week you mentioned your father. How has that been sitting with you?'],
      ['C', 'I went back and forth on it.'],
    ],
  ])('content continuity, not review: %#', (...lines) => {
    expect(hw(lines).reviewed).toBe(false);
  });

  it('a question about an event in the story is not a review', () => {
    expect(
      hw(
        [
          ['T', 'And when he said that, did you get a chance to tell him how you felt?'],
          ['C', "No, I just walked out. I didn't say anything."],
        ],
        30,
      ).reviewed,
    ).toBe(false);
  });
});

describe('assignments agreed in a closing summary', () => {
  it.each<Line[]>([
    [
      ['T', "Let's pull together what you'll take away this week."],
      ['C', 'So: one call to my sister, and the volunteer evening on Thursday.'],
      ['T', 'One call, and Thursday. That sounds right to me.'],
    ],
    [
      ['T', "Let's pull together what you'll take away this week."],
      ['T', 'So: one call to your sister, and the volunteer evening on Thursday.'],
      ['C', 'Yeah. That I can do.'],
    ],
    [
      ['T', 'So this week, both of you: the check-in five times, and two practice talks.'],
      ['C', 'Okay.'],
      ['P', 'Five times. Got it.'],
    ],
    [
      ['T', 'What will you do between now and next session?'],
      ['C', 'Walk the dog every morning before work, and text Sam once.'],
      ['T', 'Great, every morning and one text.'],
    ],
  ])('assigned: %#', (...lines) => {
    expect(hw(lines).assigned.length).toBeGreaterThan(0);
    expect(hw(asr(lines)).assigned.length).toBeGreaterThan(0);
  });

  it('a summary of what happened this week is not an assignment', () => {
    const lines: Line[] = [
      ['T', "Let's sum up what happened this week."],
      ['C', 'I went to the volunteer evening on Thursday and I called my sister once.'],
      ['T', 'So this week you had the check-in five times. That is a lot.'],
    ];
    expect(hw(lines).assigned).toEqual([]);
  });
});

describe('speech-recognition homophones', () => {
  it('"this weak" is heard as "this week"', () => {
    const r = hw([
      ['T', 'so for this weak id like you to do the thought record every evening'],
      ['C', 'okay'],
    ]);
    expect(r.assigned.length).toBe(1);
  });
});

describe('more review and assignment forms', () => {
  it.each<Line[]>([
    [
      [
        'T',
        'Were you able to do the thing we talked about, the ten minutes of walking after dinner?',
      ],
      ['C', 'Most days, yeah. I skipped Friday.'],
    ],
    [
      ['T', "Last time you mentioned you'd try journaling before bed. Did you?"],
      ['C', 'I did twice. Then I forgot.'],
    ],
  ])('reviewed: %#', (...lines) => {
    expect(hw(lines, 40).reviewed).toBe(true);
  });

  it('the plan for the week read out as a list is an assignment', () => {
    const lines: Line[] = [
      [
        'T',
        'So the plan for this week is: walk twice, call your sister, and fill in the sleep diary.',
      ],
      ['C', 'Yep.'],
    ];
    expect(hw(lines).assigned.length).toBe(1);
    expect(hw(asr(lines)).assigned.length).toBe(1);
  });

  it('a takeaway that is an insight, not a task, is not an assignment', () => {
    expect(
      hw([
        ['T', "What's your takeaway from today?"],
        ['C', "That I'm not as stuck as I thought I was."],
        ['T', 'I think that is right.'],
      ]).assigned,
    ).toEqual([]);
  });
});

describe('event questions are not reviews', () => {
  it('"How did the week go?" answered with days is not a homework review', () => {
    expect(
      hw([
        ['T', 'How did the week go?'],
        ['C', "Three days I couldn't get out of bed. The rest was okay."],
      ]).reviewed,
    ).toBe(false);
  });

  it('"did you end up telling your mum?" early in a session is not a review', () => {
    expect(
      hw([
        ['T', 'Did you end up telling your mum?'],
        ['C', 'I did. She cried.'],
      ]).reviewed,
    ).toBe(false);
  });
});

describe('review of a planned step, and past experience', () => {
  it('a recalled step introduced with "can I ask about" and answered is a review', () => {
    const r = hw([
      ['T', 'Can I ask about the choir? Last week you were going to go to the open rehearsal.'],
      ['C', 'I went. I nearly turned round at the door, but I went.'],
      ['T', 'What was that like?'],
    ]);
    expect(r.reviewed).toBe(true);
  });

  it("a client's experience from before this treatment is not a homework review", () => {
    const r = hw(
      [
        ['T', 'Some people find it useful to write the thoughts down in a record.'],
        ['C', 'I did loads of thought records before, with my last therapist. They never helped.'],
        ['T', 'That sounds frustrating.'],
      ],
      10,
    );
    expect(r.reviewed).toBe(false);
  });
});

describe('risk summaries are not assignments', () => {
  it('a clinician reading back a risk screen with "this week" sets no homework', () => {
    const r = hw([
      [
        'T',
        'So, just to make sure I have it right. A wish not to wake up, a few nights this week, no plan, no intent, and your son is a big reason to keep going.',
      ],
      ['C', 'Yes. That is right.'],
    ]);
    expect(r.assigned).toEqual([]);
  });
});

describe('how far the previous task was done', () => {
  const completion = (lines: readonly Line[]) =>
    extractIndicators(snippetContext(lines)).filter((i) => i.kind === 'homework_completion');

  it('the clinician asking what got in the way makes a report with numbers partial', () => {
    const lines: Line[] = [
      [
        'T',
        'How did the practice go? We said the walk daily and the stretches three times a week.',
      ],
      ['C', 'The walk, most days I did. The stretches, once.'],
      ['T', 'Okay. What got in the way of the stretches?'],
      ['C', 'Evenings. I was just too tired.'],
    ];
    expect(completion(lines)).toEqual([expect.objectContaining({ status: 'partial' })]);
    expect(completion(asr(lines))).toEqual([expect.objectContaining({ status: 'partial' })]);
  });

  it('a card kept all seven days is completed; its ratings "four out of five" are not a shortfall', () => {
    const lines: Line[] = [
      ['T', 'How was the week?'],
      ['C', "Busy. I've got my card, though. All seven days this time."],
      [
        'T',
        'All seven days! And I see the urge to drink, you rated it a four out of five on Friday.',
      ],
      ['C', 'Yeah, Friday was hard.'],
    ];
    expect(completion(lines)).toEqual([expect.objectContaining({ status: 'completed' })]);
  });

  it('"I forgot about that" (a fact) is not a task left undone; "I forgot to do it" is', () => {
    const base: Line[] = [
      ['T', 'Did you do the worry log this week?'],
      ['C', 'I did it every evening.'],
      ['T', 'And you told me your sister offered to help.'],
    ];
    expect(completion([...base, ['C', 'Oh, right. I forgot about that.']])).toEqual([
      expect.objectContaining({ status: 'completed' }),
    ]);
    expect(completion([...base, ['C', 'Yes. But I forgot to do the log at the weekend.']])).toEqual(
      [expect.objectContaining({ status: 'partial' })],
    );
  });
});

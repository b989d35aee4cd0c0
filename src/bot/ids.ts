/**
 * Every action_id and callback_id the app uses, in one place, so listeners and views cannot drift.
 * Values are stable: Slack messages already posted carry them, so renaming breaks old buttons.
 */
export const ActionId = {
  /** Routine reply: post the routine publicly in the channel. */
  shareRoutine: "routine_share",
  /** Routine reply: a new routine for the same request. */
  anotherRoutine: "routine_another",
  /** Prompt buttons. */
  promptDone: "prompt_done",
  /** Snooze 15 min (the original Snooze button keeps its id), 1 h, after my meeting, tomorrow. */
  promptSnooze: "prompt_snooze",
  promptSnoozeHour: "prompt_snooze_1h",
  promptSnoozeMeeting: "prompt_snooze_meeting",
  promptSnoozeTomorrow: "prompt_snooze_tomorrow",
  /** Opens a modal with the steps and safety cues of the prompt's exercises. */
  promptHowTo: "prompt_how_to",
  promptSkip: "prompt_skip",
  promptAnother: "prompt_another",
  /** Schedule summary: open the edit modal. */
  scheduleEdit: "schedule_edit",
  /** Privacy: confirm /stretch forget-me. */
  forgetMeConfirm: "forget_me_confirm",
  forgetMeCancel: "forget_me_cancel",
  /** App Home controls. */
  homeDmScheduleToggle: "home_dm_schedule_toggle",
  homeDmScheduleEdit: "home_dm_schedule_edit",
  homeSnoozeToday: "home_snooze_today",
  homeLeaderboardVisibility: "home_leaderboard_visibility",
  homeOptToggle: "home_opt_toggle",
  /** App Home: personal settings toggles and the settings modal. */
  homeSeatedToggle: "home_seated_toggle",
  homeIntensityToggle: "home_intensity_toggle",
  homePromptStyleToggle: "home_prompt_style_toggle",
  homeSettingsEdit: "home_settings_edit",
} as const;
export type ActionIdValue = (typeof ActionId)[keyof typeof ActionId];

export const CallbackId = {
  /** The prompt's "How to" modal (no submit). */
  promptHowToModal: "prompt_how_to_modal",
  scheduleEditModal: "schedule_edit_modal",
  /** App Home: working hours, days, zone, frequency, areas, language. */
  personalSettingsModal: "personal_settings_modal",
} as const;

/** block_id / action_id of inputs inside the schedule modal. */
export const ScheduleModalField = {
  every: "every",
  times: "times",
  window: "window",
  days: "days",
  tz: "tz",
  area: "area",
  length: "length",
  seated: "seated",
} as const;

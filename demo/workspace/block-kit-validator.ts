/**
 * What Slack refuses in Block Kit, checked the way Slack checks it: a list of problems, each with
 * Slack's wording and a JSON pointer ("must be less than 3001 characters [json-pointer:/blocks/0/text/text]").
 *
 * Used by the simulated workspace (demo/workspace) and by the tests' fake Web API
 * (tests/helpers/fake-slack.ts), so every message, response_url answer and view the app sends in
 * an e2e test is held to Slack's limits. Limits from Slack's Block Kit reference (block and
 * element pages); only what the app could plausibly get wrong is modelled, not every schema rule.
 */

export interface BlockKitProblem {
  /** JSON pointer into the request, like `/blocks/3/elements/0/text/text`. */
  pointer: string;
  /** Slack's wording, like "must be less than 76 characters". */
  message: string;
}

type Json = Record<string, unknown>;

/** Blocks in one message; in a modal or Home tab. */
export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_VIEW_BLOCKS = 100;
/** Message `text` (Slack truncates beyond 40,000 and refuses far longer; we refuse beyond). */
export const MAX_MESSAGE_TEXT = 40_000;

/** Slack's problems as the Web API lists them: `"<message> [json-pointer:<pointer>]"`. */
export function describeProblems(problems: readonly BlockKitProblem[]): string[] {
  return problems.map((p) => `${p.message} [json-pointer:${p.pointer}]`);
}

/** The answer Slack gives a message with bad blocks (chat.postMessage, chat.update, response_url…). */
export function invalidBlocksAnswer(problems: readonly BlockKitProblem[]): Json {
  const errors = describeProblems(problems);
  return { ok: false, error: "invalid_blocks", errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } };
}

/** The answer Slack gives views.open / update / push / publish with a bad view. */
export function invalidViewAnswer(problems: readonly BlockKitProblem[]): Json {
  const errors = describeProblems(problems);
  return { ok: false, error: "invalid_arguments", response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } };
}

/**
 * A message body (chat.postMessage / postEphemeral / update, response_url, a command's ack).
 * `blocks` may arrive as the JSON string WebClient form-encodes.
 */
export function validateMessage(message: Json): BlockKitProblem[] {
  const problems: BlockKitProblem[] = [];
  let blocks = message.blocks;
  if (typeof blocks === "string") {
    try {
      blocks = JSON.parse(blocks);
    } catch {
      return [{ pointer: "/blocks", message: "must be a valid JSON array" }];
    }
  }
  const text = message.text;
  if (text !== undefined && typeof text !== "string") problems.push({ pointer: "/text", message: "must be a string" });
  if (typeof text === "string" && text.length > MAX_MESSAGE_TEXT) problems.push({ pointer: "/text", message: `must be less than ${MAX_MESSAGE_TEXT + 1} characters` });
  if (blocks === undefined || blocks === null) return problems;
  if (!Array.isArray(blocks)) return [...problems, { pointer: "/blocks", message: "must be an array" }];
  checkBlocks(blocks, "/blocks", MAX_MESSAGE_BLOCKS, "message", problems);
  return problems;
}

/** A view (modal or home). Pointers start at `/view` as in Slack's answers. */
export function validateView(input: unknown): BlockKitProblem[] {
  let view = input;
  if (typeof view === "string") {
    try {
      view = JSON.parse(view);
    } catch {
      return [{ pointer: "/view", message: "must be a valid JSON object" }];
    }
  }
  const problems: BlockKitProblem[] = [];
  if (!isObject(view)) return [{ pointer: "/view", message: "must be an object" }];
  const kind = view.type;
  if (kind !== "modal" && kind !== "home") {
    problems.push({ pointer: "/view/type", message: "must be one of modal, home" });
    return problems;
  }
  if (kind === "modal") {
    checkText(view.title, "/view/title", problems, { max: 24, plainOnly: true, required: true });
    if (view.submit !== undefined) checkText(view.submit, "/view/submit", problems, { max: 24, plainOnly: true });
    if (view.close !== undefined) checkText(view.close, "/view/close", problems, { max: 24, plainOnly: true });
  }
  checkMaxString(view.callback_id, "/view/callback_id", 255, problems);
  checkMaxString(view.private_metadata, "/view/private_metadata", 3000, problems);
  checkMaxString(view.external_id, "/view/external_id", 255, problems);
  if (!Array.isArray(view.blocks)) {
    problems.push({ pointer: "/view/blocks", message: "is required and must be an array" });
    return problems;
  }
  checkBlocks(view.blocks, "/view/blocks", MAX_VIEW_BLOCKS, kind, problems);
  const hasInput = view.blocks.some((b) => isObject(b) && b.type === "input");
  if (kind === "modal" && hasInput && view.submit === undefined) {
    problems.push({ pointer: "/view/submit", message: "is required when the view has input blocks" });
  }
  return problems;
}

type Surface = "message" | "modal" | "home";

function checkBlocks(blocks: unknown[], at: string, max: number, surface: Surface, problems: BlockKitProblem[]): void {
  if (blocks.length > max) problems.push({ pointer: at, message: `must have no more than ${max} items` });
  const blockIds = new Map<string, number>();
  blocks.forEach((block, i) => {
    const here = `${at}/${i}`;
    if (!isObject(block)) {
      problems.push({ pointer: here, message: "must be an object" });
      return;
    }
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== "string" || block.block_id.length === 0) problems.push({ pointer: `${here}/block_id`, message: "must be a non-empty string" });
      else if (block.block_id.length > 255) problems.push({ pointer: `${here}/block_id`, message: "must be less than 256 characters" });
      else if (blockIds.has(block.block_id)) problems.push({ pointer: `${here}/block_id`, message: `duplicate block_id "${block.block_id}" (also at ${at}/${blockIds.get(block.block_id)})` });
      else blockIds.set(block.block_id, i);
    }
    checkBlock(block, here, surface, problems);
  });
}

function checkBlock(block: Json, at: string, surface: Surface, problems: BlockKitProblem[]): void {
  switch (block.type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined) problems.push({ pointer: at, message: "must provide text or fields" });
      if (block.text !== undefined) checkText(block.text, `${at}/text`, problems, { max: 3000 });
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) problems.push({ pointer: `${at}/fields`, message: "must be an array" });
        else {
          if (block.fields.length > 10) problems.push({ pointer: `${at}/fields`, message: "must have no more than 10 items" });
          block.fields.forEach((f, i) => checkText(f, `${at}/fields/${i}`, problems, { max: 2000 }));
        }
      }
      if (block.accessory !== undefined) checkElements([block.accessory], `${at}/accessory`, problems, true);
      return;
    }
    case "header":
      checkText(block.text, `${at}/text`, problems, { max: 150, plainOnly: true, required: true });
      return;
    case "divider":
      return;
    case "context": {
      const elements = elementList(block, at, 10, problems);
      elements?.forEach((e, i) => {
        const here = `${at}/elements/${i}`;
        if (isObject(e) && e.type === "image") checkImage(e, here, problems);
        else checkText(e, here, problems, { max: 3000 });
      });
      return;
    }
    case "actions": {
      const elements = elementList(block, at, 25, problems);
      if (elements) checkElements(elements, `${at}/elements`, problems, false);
      return;
    }
    case "image":
      checkImage(block, at, problems);
      if (block.title !== undefined) checkText(block.title, `${at}/title`, problems, { max: 2000, plainOnly: true });
      return;
    case "input": {
      if (surface === "home") problems.push({ pointer: at, message: "input blocks are not allowed in a Home tab" });
      checkText(block.label, `${at}/label`, problems, { max: 2000, plainOnly: true, required: true });
      if (block.hint !== undefined) checkText(block.hint, `${at}/hint`, problems, { max: 2000, plainOnly: true });
      if (!isObject(block.element)) problems.push({ pointer: `${at}/element`, message: "is required" });
      else checkElements([block.element], `${at}/element`, problems, true);
      return;
    }
    case "rich_text":
    case "video":
    case "file":
      return;
    default:
      problems.push({ pointer: `${at}/type`, message: `unsupported block type "${String(block.type)}"` });
  }
}

/** A block's `elements`: 1 to `max` of them; undefined when there are none to check further. */
function elementList(block: Json, at: string, max: number, problems: BlockKitProblem[]): unknown[] | undefined {
  if (!Array.isArray(block.elements) || block.elements.length === 0) {
    problems.push({ pointer: `${at}/elements`, message: "must have at least 1 item" });
    return undefined;
  }
  if (block.elements.length > max) problems.push({ pointer: `${at}/elements`, message: `must have no more than ${max} items` });
  return block.elements;
}

/** `single`: the pointer names the element itself (accessory, input element), not a list. */
function checkElements(elements: unknown[], at: string, problems: BlockKitProblem[], single: boolean): void {
  const actionIds = new Map<string, string>();
  elements.forEach((element, i) => {
    const here = single ? at : `${at}/${i}`;
    if (!isObject(element)) {
      problems.push({ pointer: here, message: "must be an object" });
      return;
    }
    const actionId = element.action_id;
    if (actionId !== undefined) {
      if (typeof actionId !== "string" || actionId.length === 0) problems.push({ pointer: `${here}/action_id`, message: "must be a non-empty string" });
      else if (actionId.length > 255) problems.push({ pointer: `${here}/action_id`, message: "must be less than 256 characters" });
      else if (actionIds.has(actionId)) problems.push({ pointer: `${here}/action_id`, message: `duplicate action_id "${actionId}" (also at ${actionIds.get(actionId)})` });
      else actionIds.set(actionId, here);
    }
    checkElement(element, here, problems);
  });
}

function checkElement(element: Json, at: string, problems: BlockKitProblem[]): void {
  switch (element.type) {
    case "button":
      checkText(element.text, `${at}/text`, problems, { max: 75, plainOnly: true, required: true });
      checkMaxString(element.value, `${at}/value`, 2000, problems);
      checkMaxString(element.url, `${at}/url`, 3000, problems);
      if (element.style !== undefined && element.style !== "primary" && element.style !== "danger") problems.push({ pointer: `${at}/style`, message: "must be one of primary, danger" });
      return;
    case "static_select":
    case "multi_static_select": {
      if (element.placeholder !== undefined) checkText(element.placeholder, `${at}/placeholder`, problems, { max: 150, plainOnly: true });
      const options = checkOptions(element, at, 100, problems, 75);
      if (element.initial_option !== undefined) checkInitial([element.initial_option], options, `${at}/initial_option`, problems);
      if (element.initial_options !== undefined && Array.isArray(element.initial_options)) checkInitial(element.initial_options, options, `${at}/initial_options`, problems);
      return;
    }
    case "overflow": {
      const options = checkOptions(element, at, 5, problems, 75);
      if (options.length < 1) problems.push({ pointer: `${at}/options`, message: "must have at least 1 item" });
      return;
    }
    case "checkboxes":
    case "radio_buttons": {
      const options = checkOptions(element, at, 10, problems, 150);
      if (element.initial_options !== undefined && Array.isArray(element.initial_options)) checkInitial(element.initial_options, options, `${at}/initial_options`, problems);
      if (element.initial_option !== undefined) checkInitial([element.initial_option], options, `${at}/initial_option`, problems);
      return;
    }
    case "plain_text_input":
      if (element.placeholder !== undefined) checkText(element.placeholder, `${at}/placeholder`, problems, { max: 150, plainOnly: true });
      checkMaxString(element.initial_value, `${at}/initial_value`, 3000, problems);
      if (typeof element.max_length === "number" && element.max_length > 3000) problems.push({ pointer: `${at}/max_length`, message: "must be no more than 3000" });
      return;
    case "image":
      checkImage(element, at, problems);
      return;
    case "datepicker":
    case "timepicker":
    case "users_select":
    case "conversations_select":
    case "channels_select":
    case "multi_users_select":
    case "multi_conversations_select":
    case "multi_channels_select":
    case "external_select":
    case "number_input":
    case "email_text_input":
    case "url_text_input":
      return;
    default:
      problems.push({ pointer: `${at}/type`, message: `unsupported element type "${String(element.type)}"` });
  }
}

function checkOptions(element: Json, at: string, max: number, problems: BlockKitProblem[], maxTextLength: number): Json[] {
  if (element.option_groups !== undefined) return [];
  if (!Array.isArray(element.options)) {
    problems.push({ pointer: `${at}/options`, message: "is required" });
    return [];
  }
  if (element.options.length > max) problems.push({ pointer: `${at}/options`, message: `must have no more than ${max} items` });
  const values = new Set<string>();
  element.options.forEach((option, i) => {
    const here = `${at}/options/${i}`;
    if (!isObject(option)) {
      problems.push({ pointer: here, message: "must be an object" });
      return;
    }
    checkText(option.text, `${here}/text`, problems, { max: maxTextLength, required: true });
    if (typeof option.value !== "string" || option.value.length === 0) problems.push({ pointer: `${here}/value`, message: "is required" });
    else if (option.value.length > 150) problems.push({ pointer: `${here}/value`, message: "must be less than 151 characters" });
    else if (values.has(option.value)) problems.push({ pointer: `${here}/value`, message: `duplicate option value "${option.value}"` });
    else values.add(option.value);
  });
  return element.options.filter(isObject);
}

/** An initial option must be one of the options, text and value alike (Slack compares both). */
function checkInitial(initial: unknown[], options: Json[], at: string, problems: BlockKitProblem[]): void {
  const known = new Set(options.map((o) => JSON.stringify([textOf(o.text), o.value])));
  initial.forEach((o, i) => {
    if (!isObject(o) || !known.has(JSON.stringify([textOf(o.text), o.value]))) problems.push({ pointer: Array.isArray(initial) && initial.length > 1 ? `${at}/${i}` : at, message: "must match one of the options" });
  });
}

function checkImage(image: Json, at: string, problems: BlockKitProblem[]): void {
  if (typeof image.image_url !== "string" && !isObject(image.slack_file)) problems.push({ pointer: `${at}/image_url`, message: "is required" });
  checkMaxString(image.image_url, `${at}/image_url`, 3000, problems);
  if (typeof image.alt_text !== "string" || image.alt_text.length === 0) problems.push({ pointer: `${at}/alt_text`, message: "is required" });
  else checkMaxString(image.alt_text, `${at}/alt_text`, 2000, problems);
}

interface TextRule {
  max: number;
  plainOnly?: boolean;
  required?: boolean;
}

function checkText(value: unknown, at: string, problems: BlockKitProblem[], rule: TextRule): void {
  if (value === undefined || value === null) {
    if (rule.required) problems.push({ pointer: at, message: "is required" });
    return;
  }
  if (!isObject(value)) {
    problems.push({ pointer: at, message: "must be a text object" });
    return;
  }
  if (value.type !== "plain_text" && value.type !== "mrkdwn") problems.push({ pointer: `${at}/type`, message: "must be one of plain_text, mrkdwn" });
  else if (rule.plainOnly && value.type !== "plain_text") problems.push({ pointer: `${at}/type`, message: "must be plain_text" });
  if (typeof value.text !== "string") {
    problems.push({ pointer: `${at}/text`, message: "is required" });
    return;
  }
  if (value.text.length === 0) problems.push({ pointer: `${at}/text`, message: "must be more than 0 characters" });
  if (value.text.length > rule.max) problems.push({ pointer: `${at}/text`, message: `must be less than ${rule.max + 1} characters` });
}

function checkMaxString(value: unknown, at: string, max: number, problems: BlockKitProblem[]): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "string") problems.push({ pointer: at, message: "must be a string" });
  else if (value.length > max) problems.push({ pointer: at, message: `must be less than ${max + 1} characters` });
}

function textOf(value: unknown): unknown {
  return isObject(value) ? value.text : value;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

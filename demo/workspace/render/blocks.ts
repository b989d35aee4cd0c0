/**
 * Block Kit as HTML, for messages, modals and the Home tab. Interactive elements are real
 * controls (`<button>` with the button's text, `<select>`, checkboxes) carrying their action_id,
 * block_id and value in data attributes; the page script turns a press into block_actions.
 * Inputs of input blocks carry data-input-* so a submit can rebuild view.state.values.
 */
import { escapeHtml, mrkdwn, plainText, type MentionNames } from "./mrkdwn.js";

type Json = Record<string, unknown>;

const attr = (value: unknown) => escapeHtml(String(value ?? ""));

export function textObject(t: unknown, names: MentionNames): string {
  if (!t || typeof t !== "object") return "";
  const o = t as Json;
  const text = String(o.text ?? "");
  return o.type === "mrkdwn" ? mrkdwn(text, names) : plainText(text, o.emoji !== false);
}

export function renderBlocks(blocks: unknown[], names: MentionNames): string {
  return blocks.map((b) => renderBlock(b as Json, names)).join("");
}

function renderBlock(block: Json, names: MentionNames): string {
  const id = attr(block.block_id);
  const open = (kind: string) => `<div class="bk bk-${kind}" data-block-id="${id}">`;
  switch (block.type) {
    case "header":
      return `${open("header")}<h3 class="bk-header-text">${textObject(block.text, names)}</h3></div>`;
    case "divider":
      return `${open("divider")}<hr></div>`;
    case "section": {
      const fields = Array.isArray(block.fields) ? `<div class="bk-fields">${block.fields.map((f) => `<div class="bk-field">${textObject(f, names)}</div>`).join("")}</div>` : "";
      const text = block.text ? `<div class="bk-text">${textObject(block.text, names)}</div>` : "";
      const accessory = block.accessory ? `<div class="bk-accessory">${renderElement(block.accessory as Json, String(block.block_id ?? ""), names)}</div>` : "";
      return `${open("section")}<div class="bk-section-body">${text}${fields}</div>${accessory}</div>`;
    }
    case "context": {
      const items = ((block.elements as Json[]) ?? []).map((e) => (e.type === "image" ? `<img class="bk-context-img" src="${attr(e.image_url)}" alt="${attr(e.alt_text)}">` : `<span class="bk-context-text">${textObject(e, names)}</span>`));
      return `${open("context")}${items.join("")}</div>`;
    }
    case "actions": {
      const items = ((block.elements as Json[]) ?? []).map((e) => renderElement(e, String(block.block_id ?? ""), names));
      return `${open("actions")}${items.join("")}</div>`;
    }
    case "image": {
      const title = block.title ? `<figcaption>${textObject(block.title, names)}</figcaption>` : "";
      return `${open("image")}<figure>${title}<img src="${attr(block.image_url)}" alt="${attr(block.alt_text)}"></figure></div>`;
    }
    case "input":
      return renderInput(block, names);
    default:
      return `${open("unknown")}<em class="bk-unsupported">This content can't be displayed.</em></div>`;
  }
}

function dataIds(element: Json, blockId: string): string {
  return `data-action-id="${attr(element.action_id)}" data-block-id="${attr(blockId)}"`;
}

function options(element: Json): Json[] {
  const groups = (element.option_groups as Array<{ options: Json[] }> | undefined) ?? [];
  return [...((element.options as Json[] | undefined) ?? []), ...groups.flatMap((g) => g.options)];
}

function optionText(o: Json): string {
  return escapeHtml(String((o.text as Json | undefined)?.text ?? o.value ?? ""));
}

/** An interactive element outside input blocks: pressing or choosing sends block_actions. */
function renderElement(element: Json, blockId: string, names: MentionNames): string {
  switch (element.type) {
    case "button": {
      const style = element.style === "primary" || element.style === "danger" ? ` bk-button-${element.style}` : "";
      const text = textObject(element.text, names);
      if (typeof element.url === "string") {
        return `<a class="bk-button${style}" href="${attr(element.url)}" target="_blank" rel="noreferrer noopener" data-kind="button" ${dataIds(element, blockId)} data-value="${attr(element.value)}">${text}</a>`;
      }
      return `<button type="button" class="bk-button${style}" data-kind="button" ${dataIds(element, blockId)} data-value="${attr(element.value)}">${text}</button>`;
    }
    case "static_select": {
      const placeholder = element.placeholder ? String((element.placeholder as Json).text ?? "") : "Select an item";
      const initial = (element.initial_option as Json | undefined)?.value;
      const opts = options(element).map((o) => `<option value="${attr(o.value)}"${o.value === initial ? " selected" : ""}>${optionText(o)}</option>`);
      return `<select class="bk-select" data-kind="select" ${dataIds(element, blockId)} aria-label="${attr(placeholder)}"><option value="" disabled${initial ? "" : " selected"}>${escapeHtml(placeholder)}</option>${opts.join("")}</select>`;
    }
    case "overflow": {
      const items = options(element).map((o) => `<button type="button" role="menuitem" class="bk-overflow-item" data-kind="overflow" ${dataIds(element, blockId)} data-value="${attr(o.value)}">${optionText(o)}</button>`);
      return `<details class="bk-overflow"><summary class="bk-overflow-toggle" aria-label="More actions">⋯</summary><div class="bk-overflow-menu" role="menu">${items.join("")}</div></details>`;
    }
    case "image":
      return `<img class="bk-accessory-img" src="${attr(element.image_url)}" alt="${attr(element.alt_text)}">`;
    case "checkboxes":
    case "radio_buttons":
    case "plain_text_input":
      return renderInputElement(element, blockId, names);
    default:
      return `<span class="bk-unsupported">[${attr(element.type)}]</span>`;
  }
}

function renderInput(block: Json, names: MentionNames): string {
  const blockId = String(block.block_id ?? "");
  const element = (block.element as Json) ?? {};
  const optional = block.optional === true ? ` <span class="bk-optional">(optional)</span>` : "";
  const hint = block.hint ? `<div class="bk-hint">${textObject(block.hint, names)}</div>` : "";
  const inputId = `in-${blockId}`;
  return `<div class="bk bk-input" data-block-id="${attr(blockId)}"><label class="bk-label" for="${attr(inputId)}">${textObject(block.label, names)}${optional}</label>${renderInputElement(element, blockId, names, inputId)}${hint}<div class="bk-error" role="alert" data-error-for="${attr(blockId)}"></div></div>`;
}

/** Elements whose value is read at submit time (view.state.values). */
function renderInputElement(element: Json, blockId: string, names: MentionNames, inputId = ""): string {
  const data = `data-input-block="${attr(blockId)}" data-input-action="${attr(element.action_id)}"`;
  const idAttr = inputId ? ` id="${attr(inputId)}"` : "";
  switch (element.type) {
    case "plain_text_input": {
      const placeholder = element.placeholder ? ` placeholder="${attr((element.placeholder as Json).text)}"` : "";
      const value = String(element.initial_value ?? "");
      if (element.multiline === true) return `<textarea class="bk-textarea"${idAttr} data-input-kind="text" ${data}${placeholder}>${escapeHtml(value)}</textarea>`;
      return `<input class="bk-textinput" type="text"${idAttr} data-input-kind="text" ${data}${placeholder} value="${attr(value)}">`;
    }
    case "static_select": {
      const initial = (element.initial_option as Json | undefined)?.value;
      const opts = options(element).map((o) => `<option value="${attr(o.value)}"${o.value === initial ? " selected" : ""}>${optionText(o)}</option>`);
      return `<select class="bk-select"${idAttr} data-input-kind="select" ${data}>${initial ? "" : `<option value="" selected>Select an item</option>`}${opts.join("")}</select>`;
    }
    case "multi_static_select": {
      const initial = new Set(((element.initial_options as Json[] | undefined) ?? []).map((o) => o.value));
      const opts = options(element).map((o) => `<option value="${attr(o.value)}"${initial.has(o.value) ? " selected" : ""}>${optionText(o)}</option>`);
      return `<select class="bk-select bk-multiselect" multiple size="${Math.min(6, Math.max(2, opts.length))}"${idAttr} data-input-kind="multi" ${data}>${opts.join("")}</select>`;
    }
    case "checkboxes":
    case "radio_buttons": {
      const initial = new Set([...((element.initial_options as Json[] | undefined) ?? []), ...(element.initial_option ? [element.initial_option as Json] : [])].map((o) => o.value));
      const type = element.type === "checkboxes" ? "checkbox" : "radio";
      const items = options(element).map(
        (o) =>
          `<label class="bk-check"><input type="${type}" name="${attr(blockId)}" value="${attr(o.value)}"${initial.has(o.value) ? " checked" : ""}> ${textObject(o.text, names)}${o.description ? `<span class="bk-hint">${textObject(o.description, names)}</span>` : ""}</label>`,
      );
      return `<fieldset class="bk-checks"${idAttr} data-input-kind="${type === "checkbox" ? "checkboxes" : "radio"}" ${data}>${items.join("")}</fieldset>`;
    }
    case "datepicker":
      return `<input class="bk-textinput" type="date"${idAttr} data-input-kind="date" ${data} value="${attr(element.initial_date)}">`;
    case "timepicker":
      return `<input class="bk-textinput" type="time"${idAttr} data-input-kind="time" ${data} value="${attr(element.initial_time)}">`;
    default:
      return `<input class="bk-textinput" type="text"${idAttr} data-input-kind="text" ${data}>`;
  }
}

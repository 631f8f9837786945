// The review page's few browser-side jobs: a selection's character offsets into the source text, a click on a
// task scrolling to its text and back, and a matrix cell saved when its role is chosen. Everything else is forms.
"use strict";

function codePoints(text) { return Array.from(text).length; }

// The offset (in characters, as Python counts them) of a point in the source text.
function offsetOf(node, offset) {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  const segment = element && element.closest(".seg");
  if (!segment) { return null; }
  const start = parseInt(segment.dataset.s, 10);
  if (node.nodeType !== Node.TEXT_NODE) { return start + (offset > 0 ? codePoints(segment.textContent) : 0); }
  return start + codePoints(node.textContent.slice(0, offset));
}

function selectionSpan() {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return null; }
  const range = selection.getRangeAt(0);
  const start = offsetOf(range.startContainer, range.startOffset);
  const end = offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) { return null; }
  return [start, end];
}

let lastSpan = null;
document.addEventListener("selectionchange", () => { const span = selectionSpan(); if (span) { lastSpan = span; } });

function focusOnly(elements) {
  document.querySelectorAll(".focus").forEach((e) => e.classList.remove("focus"));
  elements.forEach((e) => e.classList.add("focus"));
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".use-selection").forEach((button) => {
    button.addEventListener("click", () => {
      const form = document.getElementById(button.dataset.form);
      const span = selectionSpan() || lastSpan;
      if (!form || !span) { alert("Select the task's words in the source text first."); return; }
      form.elements.start.value = span[0];
      form.elements.end.value = span[1];
    });
  });
  document.querySelectorAll(".goto").forEach((link) => {
    link.addEventListener("click", (event) => {
      const id = link.dataset.task;
      const parts = Array.from(document.querySelectorAll(".seg[data-tasks]"))
        .filter((s) => s.dataset.tasks.split(" ").includes(id));
      const card = document.getElementById("task-" + id);
      if (link.classList.contains("tasktext") && parts.length) {
        event.preventDefault();
        focusOnly(parts);
        parts[0].scrollIntoView({ block: "center" });
      } else if (card) {
        event.preventDefault();
        focusOnly([card]);
        card.scrollIntoView({ block: "center" });
      }
    });
  });
  document.querySelectorAll(".seg[data-tasks]").forEach((segment) => {
    segment.addEventListener("click", () => {
      if (!window.getSelection().isCollapsed) { return; }
      const ids = segment.dataset.tasks.split(" ");
      const card = document.getElementById("task-" + ids[ids.length - 1]);
      if (card) { focusOnly([card]); card.scrollIntoView({ block: "center" }); }
    });
  });
  // The matrix: one form for every cell (a 600-task plan has tens of thousands); a click sets the next role.
  const matrix = document.getElementById("matrix");
  const cellForm = document.getElementById("matrix-form");
  if (matrix && cellForm) {
    const names = Array.from(matrix.querySelectorAll("thead th")).slice(2).map((th) => th.textContent);
    const next = { none: "lead", lead: "support", support: "none" };
    matrix.addEventListener("click", (event) => {
      const cell = event.target.closest("tbody td");
      if (!cell || cell.cellIndex < 2) { return; }  // the number and the task's words are no cells
      const role = ["lead", "support"].find((r) => cell.classList.contains(r)) || "none";
      cellForm.elements.task.value = cell.parentElement.dataset.task;
      cellForm.elements.department.value = names[cell.cellIndex - 2];
      cellForm.elements.role.value = next[role];
      cellForm.submit();
    });
  }
});

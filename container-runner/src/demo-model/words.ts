/** Small English helpers for turning a description into labels, keys and collection names. */

export const capitalize = (text: string): string => (text ? text[0]!.toUpperCase() + text.slice(1) : text);

export function singular(word: string): string {
  if (/ies$/.test(word) && word.length > 4) return word.replace(/ies$/, "y");
  if (/(ss|x|ch|sh)es$/.test(word)) return word.replace(/es$/, "");
  if (/(ss|us|is)$/.test(word)) return word;
  return word.replace(/s$/, "");
}

export function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return word.replace(/y$/, "ies");
  if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** Applies `fn` to the last word of a phrase ("expense approvals" → "expense approval"). */
export const onLastWord = (phrase: string, fn: (word: string) => string): string => {
  const words = phrase.split(" ");
  words[words.length - 1] = fn(words.at(-1) ?? "");
  return words.join(" ");
};

const asciiWords = (text: string): string[] =>
  text
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** A field key: camelCase ASCII starting with a letter ("due date" → "dueDate"). */
export function keyOf(label: string, fallback: string): string {
  const words = asciiWords(label);
  const key = words
    .map((w, i) => (i === 0 ? w : capitalize(w)))
    .join("")
    .replace(/^[0-9]+/, "")
    .slice(0, 40);
  return key || fallback;
}

/** A collection name: snake_case ASCII ("expense approvals" → "expense_approvals"). */
export function collectionOf(phrase: string): string {
  const name = asciiWords(phrase)
    .join("_")
    .replace(/^[0-9_]+/, "")
    .slice(0, 64);
  return name || "entries";
}

/** Splits on separators outside parentheses. */
export function splitOutside(text: string, separator: RegExp): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "(" || ch === "[") depth++;
    if ((ch === ")" || ch === "]") && depth > 0) depth--;
    if (depth === 0) {
      const match = separator.exec(text.slice(i));
      if (match && match.index === 0) {
        pieces.push(current);
        current = "";
        i += match[0].length - 1;
        continue;
      }
    }
    current += ch;
  }
  pieces.push(current);
  return pieces.map((p) => p.trim()).filter(Boolean);
}

/** Commas, semicolons, "and", "&", "plus" between list items. */
export const listItems = (text: string): string[] => splitOutside(text, /^(?:\s*[,;]\s*(?:and\s+|&\s+)?|\s+(?:and|&|plus|as well as)\s+)/i);

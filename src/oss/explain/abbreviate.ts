/** `text` cut to 60 characters (`...` at the end when cut), to quote it in a message. */
export function abbreviate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

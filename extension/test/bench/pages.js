// The benchmark's pages and questions, all deterministic: the shared Normans page as it is (a typical article page,
// questions from its SQuAD dev 1.1 article), and a generated long page: the articles of SQuAD dev 1.1 in the
// dataset's order, one <h2> title and one <p> per paragraph, until the text reaches LONG_PAGE_CHARS (questions from
// the articles it holds).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LONG_PAGE_CHARS = 870000;

export function readSquad(sharedData) {
  return JSON.parse(readFileSync(join(sharedData, 'squad', 'dev-v1.1.json'), 'utf8')).data;
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The long page: {html, chars, articles}. `chars` counts the characters of its titles and paragraphs (what a capture
 * reads, give or take the separators between blocks); it ends with the paragraph that reaches `minChars`.
 * `articles` are the articles it holds, with only the paragraphs it holds.
 */
export function longPage(squad, minChars = LONG_PAGE_CHARS) {
  const parts = [];
  const articles = [];
  let chars = 0;
  for (const article of squad) {
    if (chars >= minChars) break;
    const title = article.title.replace(/_/g, ' ');
    parts.push(`<h2>${escapeHtml(title)}</h2>`);
    chars += title.length;
    const paragraphs = [];
    for (const p of article.paragraphs) {
      parts.push(`<p>${escapeHtml(p.context)}</p>`);
      chars += p.context.length;
      paragraphs.push(p);
      if (chars >= minChars) break;
    }
    articles.push({ ...article, paragraphs });
  }
  const html = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>askpage benchmark: long page</title>'
    + `</head><body><h1>SQuAD dev 1.1, ${articles.length} articles</h1>\n${parts.join('\n')}\n</body></html>\n`;
  return { html, chars, articles };
}

/** `n` questions spread evenly over the articles' questions (in dataset order), the same ones every run. */
export function spreadQuestions(articles, n) {
  const all = articles.flatMap((a) => a.paragraphs.flatMap((p) => p.qas.map((q) => q.question.trim())));
  if (all.length < n) throw new Error(`only ${all.length} questions, ${n} wanted`);
  return Array.from({ length: n }, (_, i) => all[Math.floor(((i + 0.5) * all.length) / n)]);
}

/** The benchmark's pages: name, path served, and the questions asked of it. */
export function benchPages(squad, questionsPerPage) {
  const normans = squad.find((a) => a.title === 'Normans');
  if (!normans) throw new Error('no Normans article in SQuAD dev 1.1');
  const long = longPage(squad);
  return [
    {
      name: 'Normans', description: 'the shared page Normans.html (typical article)', path: '/pages/Normans.html',
      questions: spreadQuestions([normans], questionsPerPage),
    },
    {
      name: 'long', description: `generated: ${long.articles.length} SQuAD dev 1.1 articles, ${long.chars} characters`,
      path: '/bench/long.html', html: long.html, chars: long.chars,
      questions: spreadQuestions(long.articles, questionsPerPage),
    },
  ];
}

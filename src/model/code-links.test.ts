import { describe, it, expect } from 'vitest';
import { githubUrlsIn, normalizeGithubUrl } from './code-links.js';

describe('normalizeGithubUrl', () => {
  it.each([
    ['https://github.com/ByteDance-Seed/VeOmni', 'https://github.com/ByteDance-Seed/VeOmni'],
    ['http://github.com/owner/repo', 'https://github.com/owner/repo'],
    ['https://www.github.com/owner/repo', 'https://github.com/owner/repo'],
    ['HTTPS://GitHub.com/Owner/Repo', 'https://github.com/Owner/Repo'],
    ['  https://github.com/owner/repo \n', 'https://github.com/owner/repo'],
    // clone URLs and sentence ends (the seed page and HF both carry "VisMem.git")
    ['https://github.com/YU-deep/VisMem.git', 'https://github.com/YU-deep/VisMem'],
    ['https://github.com/owner/repo.GIT', 'https://github.com/owner/repo'],
    ['https://github.com/gy65896/Neptune-X.', 'https://github.com/gy65896/Neptune-X'],
    ['https://github.com/owner/repo...', 'https://github.com/owner/repo'],
    ['https://github.com/owner/repo.git.', 'https://github.com/owner/repo'],
    // dots inside a name are part of it
    ['https://github.com/ggml-org/llama.cpp', 'https://github.com/ggml-org/llama.cpp'],
    ['https://github.com/owner/.github', 'https://github.com/owner/.github'],
    // deeper paths, anchors and queries point into the same repository
    ['https://github.com/owner/repo/tree/main/src', 'https://github.com/owner/repo'],
    ['https://github.com/owner/repo/blob/main/README.md', 'https://github.com/owner/repo'],
    ['https://github.com/owner/repo#readme', 'https://github.com/owner/repo'],
    ['https://github.com/owner/repo?tab=readme-ov-file', 'https://github.com/owner/repo'],
    ['https://github.com/owner/repo/', 'https://github.com/owner/repo'],
  ])('%j -> %s', (raw, expected) => {
    expect(normalizeGithubUrl(raw)).toBe(expected);
  });

  it.each([
    ['https://github.com/THUDM', 'a user or organisation page'],
    ['https://github.com/', 'the home page'],
    ['https://github.com/orgs/THUDM/repositories', 'an organisation listing'],
    ['https://github.com/topics/llm', 'a topic page'],
    ['https://github.com/features/copilot', 'a product page'],
    ['https://github.com/sponsors/someone', 'a sponsors page'],
    ['https://github.com/about/careers', 'an about page'],
    ['https://github.com/owner/...', 'a repo name of dots only'],
    ['https://github.com/owner/.git', 'a repo name that is only .git'],
    ['https://vi-exam.github.io', 'a GitHub Pages site (from the seed page)'],
    ['https://gist.github.com/owner/abc123', 'a gist'],
    ['https://gitlab.com/owner/repo', 'another forge'],
    ['https://huggingface.co/nvidia/NV-Embed-v1', 'a model page (from the seed page)'],
    ['github.com/owner/repo', 'no scheme'],
  ])('%j is not a repository (%s)', (raw) => {
    expect(normalizeGithubUrl(raw)).toBeUndefined();
  });
});

describe('githubUrlsIn', () => {
  it.each([
    {
      why: 'a link at the end of a sentence (arxiv-corpus 2509.20745)',
      texts: ['Our code is available at https://github.com/gy65896/Neptune-X.'],
      expected: ['https://github.com/gy65896/Neptune-X'],
    },
    {
      why: 'a clone URL ending a sentence (hf-daily 2511.11007)',
      texts: ['The code will be available: https://github.com/YU-deep/VisMem.git.'],
      expected: ['https://github.com/YU-deep/VisMem'],
    },
    {
      why: 'a user page next to another site (hf-daily 2406.12793) is no repository',
      texts: ['models can be accessed through https://github.com/THUDM and https://huggingface.co/THUDM.'],
      expected: [],
    },
    {
      why: 'the same repository in abstract and comment is listed once (arxiv-corpus 2509.20461)',
      texts: [
        'Code is available at https://github.com/layer6ai-labs/conformal-importance-summarization.',
        'NeurIPS 2025. Code is available at\n  https://github.com/layer6ai-labs/conformal-importance-summarization',
      ],
      expected: ['https://github.com/layer6ai-labs/conformal-importance-summarization'],
    },
    {
      why: 'several links keep their order of appearance, brackets and commas end a link',
      texts: [
        'Code (https://github.com/b/two), data: https://github.com/a/one, and https://github.com/b/two/issues',
      ],
      expected: ['https://github.com/b/two', 'https://github.com/a/one'],
    },
    {
      why: 'a mixed-case host is found in text as it is by normalizeGithubUrl',
      texts: ['see https://GitHub.com/Owner/Repo for details'],
      expected: ['https://github.com/Owner/Repo'],
    },
    {
      why: 'absent texts are skipped',
      texts: [null, undefined, '', 'no links here'],
      expected: [],
    },
  ])('$why', ({ texts, expected }) => {
    expect(githubUrlsIn(...texts)).toEqual(expected);
  });
});

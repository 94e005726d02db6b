import Markdown, { type Components } from "react-markdown";

// The page already has an h1 (Terms) and an h2 per document, so the body's headings start at h3.
const components: Components = {
  h1: ({ node: _node, ...props }) => <h3 className="mt-5 text-lg font-semibold" {...props} />,
  h2: ({ node: _node, ...props }) => <h3 className="mt-5 text-lg font-semibold" {...props} />,
  h3: ({ node: _node, ...props }) => <h4 className="mt-4 font-semibold" {...props} />,
  h4: ({ node: _node, ...props }) => <h4 className="mt-4 font-semibold" {...props} />,
  h5: ({ node: _node, ...props }) => <h4 className="mt-4 font-semibold" {...props} />,
  h6: ({ node: _node, ...props }) => <h4 className="mt-4 font-semibold" {...props} />,
  p: ({ node: _node, ...props }) => <p className="mt-2 leading-relaxed" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="mt-2 list-disc space-y-1 pl-6" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="mt-2 list-decimal space-y-1 pl-6" {...props} />,
  a: ({ node: _node, ...props }) => <a className="font-medium underline underline-offset-4" rel="noopener noreferrer" {...props} />,
  blockquote: ({ node: _node, ...props }) => <blockquote className="mt-2 border-l-4 border-gray-300 pl-3 dark:border-gray-600" {...props} />,
  pre: ({ node: _node, ...props }) => <pre className="mt-2 overflow-x-auto rounded bg-gray-100 p-2 text-sm dark:bg-gray-800" {...props} />,
  table: ({ node: _node, ...props }) => (
    <div className="mt-2 overflow-x-auto">
      <table className="min-w-full text-left text-sm" {...props} />
    </div>
  ),
};

/**
 * Terms text as an administrator wrote it in markdown. Raw HTML is skipped (not rendered, not
 * shown) and react-markdown's URL filter drops javascript: links, so terms cannot carry script.
 */
export function TermsMarkdown({ children }: { children: string }) {
  return (
    <div className="break-words">
      <Markdown skipHtml components={components}>
        {children}
      </Markdown>
    </div>
  );
}

import { useState } from "react";
import { useCollection } from "@/lib/second-sdk";

/** The starting screen of every new app: a tiny live notes list that shows the data SDK at work. */
export default function App() {
  const { data: notes, loading, error, insert, remove } = useCollection<{ text: string }>("notes");
  const [text, setText] = useState("");
  return (
    <main className="min-h-screen bg-gradient-to-b from-slate-50 to-white px-6 py-12 text-slate-900">
      <div className="mx-auto max-w-xl">
        <p className="text-sm font-medium text-indigo-600">Your new app</p>
        <h1 className="mt-1 text-3xl font-semibold tracking-tight">Ready to build</h1>
        <p className="mt-2 text-slate-600">Tell the builder what this app should do. Meanwhile, notes you add here are saved and update live everywhere.</p>
        <form
          className="mt-8 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            void insert({ text: text.trim() });
            setText("");
          }}
        >
          <input
            aria-label="New note"
            className="flex-1 rounded-lg border border-slate-300 px-3 py-2 shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200"
            placeholder="Write a note"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button className="rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-indigo-500" type="submit">
            Add
          </button>
        </form>
        {error && <p className="mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{error.message}</p>}
        <ul className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white shadow-sm">
          {loading && <li className="px-4 py-3 text-sm text-slate-500">Loading…</li>}
          {!loading && notes.length === 0 && <li className="px-4 py-3 text-sm text-slate-500">No notes yet.</li>}
          {notes.map((note) => (
            <li key={note._id} className="flex items-center justify-between px-4 py-3">
              <span className={note._pending ? "text-slate-400" : ""}>{note.text}</span>
              <button type="button" className="text-sm text-slate-400 hover:text-red-600" onClick={() => void remove(note._id)} aria-label={`Delete ${note.text}`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      </div>
    </main>
  );
}

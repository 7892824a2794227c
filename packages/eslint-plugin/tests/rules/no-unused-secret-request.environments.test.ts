// no-unused-secret-request on the tasks of one environment (Union's ActorEnvironment), which share its requests.
import { python, ruleTester, plugin } from '../rule-tester.js';

ruleTester().run('no-unused-secret-request (environments)', plugin.rules['no-unused-secret-request'] as never, {
  valid: [
    // unionai-examples' agentic RAG: some tasks of the actor read the key, others do not.
    python`
      import union
      from union.actor import ActorEnvironment

      actor = ActorEnvironment(name="rag", secret_requests=[union.Secret(key="openai_api_key")])

      @actor.task
      def generate(state: str) -> str:
          return union.current_context().secrets.get(key="openai_api_key")[:0] + state

      @actor.task(cache=True, cache_version="0")
      def init_state(message: str) -> str:
          return message
    `,
    // A task of the environment that cannot be seen into may be the reader.
    python`
      import union
      from mylib import with_openai
      from union.actor import ActorEnvironment

      actor = ActorEnvironment(name="rag", secret_requests=[union.Secret(key="openai_api_key")])

      @actor.task
      @with_openai
      def generate(state: str) -> str:
          return state

      @actor.task
      def init_state(message: str) -> str:
          return message
    `,
  ],
  invalid: [
    {
      code: python`
        import union
        from union.actor import ActorEnvironment

        actor = ActorEnvironment(name="rag", secret_requests=[union.Secret(key="openai_api_key"), union.Secret(key="old_key")])

        @actor.task
        def generate(state: str) -> str:
            return union.current_context().secrets.get(key="openai_api_key")[:0] + state

        @actor.task
        def init_state(message: str) -> str:
            return message
      `,
      errors: [
        {
          message:
            "No task of the environment (`generate`, `init_state`) reads secret old_key: remove it from the environment's secret_requests (every requested secret is mounted into each task's pod), or read it with current_context().secrets.get(...).",
          line: 4,
          column: 91,
        },
      ],
    },
  ],
});

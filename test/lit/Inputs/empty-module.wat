;; The smallest valid module, for tests that need any valid input.
(module)

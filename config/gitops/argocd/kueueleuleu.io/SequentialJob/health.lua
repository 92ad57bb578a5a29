-- Argo CD health of a kueueleuleu.io SequentialJob (docs/gitops.md), from the status the operator writes
-- (docs/sequentialjob.md): phase, currentStep, progress, steps and the conditions Complete, Failed, Ready,
-- Reconciling and Stalled. Lua 5.1, standard library only.
local hs = {}

local function condition(status, conditionType)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

local function isTrue(c)
  return c ~= nil and c.status == "True"
end

-- "step check failed with exit code 3": the first failed step that failed the run, when the condition has no message.
local function failedStep(status)
  if status.steps == nil then
    return nil
  end
  for _, s in ipairs(status.steps) do
    if s.state == "Failed" and s.reason ~= "ContinuedOnError" then
      if s.exitCode ~= nil then
        return "step " .. s.name .. " failed with exit code " .. tostring(s.exitCode)
      end
      return "step " .. s.name .. " failed"
    end
  end
  return nil
end

-- "step 2/3 test": the current step and where it stands in the list.
local function currentStep(status)
  if status.currentStep == nil then
    return nil
  end
  local total = 0
  local position = nil
  if status.steps ~= nil then
    for i, s in ipairs(status.steps) do
      total = i
      if s.name == status.currentStep then
        position = i
      end
    end
  end
  if position == nil then
    return "step " .. status.currentStep
  end
  return "step " .. position .. "/" .. total .. " " .. status.currentStep
end

local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the kueueleuleu operator to report a status"
  return hs
end

local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the kueueleuleu operator to observe generation " .. tostring(generation) ..
    " (status is of generation " .. tostring(status.observedGeneration or "none") .. ")"
  return hs
end

local failed = condition(status, "Failed")
if isTrue(failed) or status.phase == "Failed" then
  hs.status = "Degraded"
  local message = failed and failed.message
  if message == nil or message == "" then
    message = failedStep(status) or "the run failed"
  end
  hs.message = "Failed (" .. ((failed and failed.reason) or "Failed") .. "): " .. message
  return hs
end

-- InvalidSpec, JobNameTaken (no Job can run) or SpecChangeIgnored (the applied spec did not reach the Job).
local stalled = condition(status, "Stalled")
if isTrue(stalled) then
  hs.status = "Degraded"
  hs.message = "Stalled (" .. tostring(stalled.reason) .. "): " .. tostring(stalled.message)
  return hs
end

local complete = condition(status, "Complete")
if isTrue(complete) or status.phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = (complete and complete.message) or ("all steps done: " .. tostring(status.progress))
  return hs
end

local reconciling = condition(status, "Reconciling")
if reconciling ~= nil and reconciling.status == "False" and reconciling.reason == "Suspended" then
  hs.status = "Suspended"
  hs.message = reconciling.message
  return hs
end

if status.phase == "Running" or status.phase == "Pending" then
  hs.status = "Progressing"
  local step = currentStep(status)
  local message = status.phase
  -- Held up (PodCreateFailed, Unschedulable, ErrImagePull, ...): the reason first, so it shows at a glance.
  if status.reason ~= nil and status.reason ~= "" then
    message = message .. " (" .. status.reason .. ")"
  end
  if step ~= nil then
    message = message .. ": " .. step
  end
  if status.progress ~= nil then
    message = message .. ", " .. status.progress .. " steps done"
  end
  if reconciling ~= nil and reconciling.message ~= nil and reconciling.message ~= "" then
    message = message .. " (" .. reconciling.message .. ")"
  end
  hs.message = message
  return hs
end

hs.status = "Progressing"
hs.message = "Waiting for the run to start (phase " .. tostring(status.phase) .. ")"
return hs

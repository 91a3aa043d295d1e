//! Drill 2 (Managing Multiple Server Instances): `UserServer`, one process per user, and
//! `UserCache`, which starts them on demand and remembers them by user id. Drill 3's ExUnit
//! tests for both are in tests/ch7_drills.rs.
//!
//! The profile is the sheet's map `%{user_id: 1, name: "User1", email: nil}`. An update is
//! `Map.merge(state, updates)` in the sheet; here [`ProfileUpdate`] lists the fields a
//! learner sets (`name`, `email`), and a field left out keeps its value, as a key missing
//! from `updates` does. (Merging `%{email: nil}` to clear the email has no counterpart.)

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::runtime::{CallResult, Caller, Ctx, ExitReason, Flow, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::scenario::{expect, show};

/// `%{user_id: 1, name: "User1", email: nil}`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub user_id: u64,
    pub name: String,
    pub email: Option<String>,
}

/// The `updates` map of `{:update, updates}`: only the fields that are set show
/// (`%{email: "user1@example.com"}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProfileUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl ProfileUpdate {
    /// `%{name: name}`
    pub fn name(name: impl Into<String>) -> ProfileUpdate {
        ProfileUpdate { name: Some(name.into()), email: None }
    }

    /// `%{email: email}`
    pub fn email(email: impl Into<String>) -> ProfileUpdate {
        ProfileUpdate { name: None, email: Some(email.into()) }
    }

    /// Adds `email:` to the update.
    pub fn with_email(self, email: impl Into<String>) -> ProfileUpdate {
        ProfileUpdate { email: Some(email.into()), ..self }
    }
}

/// `:get_profile`
#[derive(Debug, Serialize)]
pub enum UserCall {
    GetProfile,
}

/// `{:update, updates}`
#[derive(Debug, Serialize)]
pub enum UserCast {
    Update(ProfileUpdate),
}

/// The state is the profile itself.
#[derive(Serialize)]
#[serde(transparent)]
pub struct UserServer(Profile);

impl UserServer {
    /// `UserServer.start_link(user_id)`
    pub async fn start_link(ctx: &Ctx, user_id: u64) -> Result<Pid, StartError> {
        ctx.start_link::<UserServer>(user_id, StartOpts::default()).await
    }

    /// `UserServer.get_profile(pid)`: a call.
    pub async fn get_profile(ctx: &Ctx, server: Pid) -> Profile {
        ctx.call::<UserServer>(server, UserCall::GetProfile).await
    }

    /// `UserServer.update_profile(pid, updates)`: a cast.
    pub fn update_profile(ctx: &Ctx, server: Pid, updates: ProfileUpdate) {
        ctx.cast::<UserServer>(server, UserCast::Update(updates));
    }
}

impl GenServer for UserServer {
    const MODULE: &'static str = "UserServer";
    type Args = u64;
    type Call = UserCall;
    type Reply = Profile;
    type Cast = UserCast;
    type Info = Never;
    type Continue = Never;

    async fn init(ctx: &Ctx, user_id: u64) -> Init<Self> {
        ctx.log(format!("Starting UserServer for user {user_id}"));
        Init::Ok(UserServer(Profile { user_id, name: format!("User{user_id}"), email: None }))
    }

    async fn handle_call(&mut self, _ctx: &Ctx, UserCall::GetProfile: UserCall, _from: Caller<Profile>) -> CallResult<Self> {
        CallResult::Reply(self.0.clone())
    }

    async fn handle_cast(&mut self, _ctx: &Ctx, UserCast::Update(updates): UserCast) -> Flow<Self> {
        if let Some(name) = updates.name {
            self.0.name = name;
        }
        if let Some(email) = updates.email {
            self.0.email = Some(email);
        }
        Flow::NoReply
    }
}

/// `{:server_process, user_id}`
#[derive(Debug, Serialize)]
pub enum UserCacheCall {
    ServerProcess(u64),
}

/// The state: `%{user_id => pid}`.
#[derive(Serialize, Default)]
#[serde(transparent)]
pub struct UserCache(BTreeMap<u64, Pid>);

impl UserCache {
    /// Registered as `UserCache`.
    pub const NAME: &'static str = "UserCache";

    /// `UserCache.start_link()`
    pub async fn start_link(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<UserCache>((), StartOpts::named(Self::NAME)).await
    }

    /// `UserCache.server_process(user_id)`: the user's server, started on first use.
    pub async fn server_process(ctx: &Ctx, user_id: u64) -> Pid {
        ctx.call::<UserCache>(Self::NAME, UserCacheCall::ServerProcess(user_id)).await
    }
}

impl GenServer for UserCache {
    const MODULE: &'static str = "UserCache";
    type Args = ();
    type Call = UserCacheCall;
    type Reply = Pid;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, _: ()) -> Init<Self> {
        Init::Ok(UserCache::default())
    }

    async fn handle_call(&mut self, ctx: &Ctx, UserCacheCall::ServerProcess(user_id): UserCacheCall, _from: Caller<Pid>) -> CallResult<Self> {
        if let Some(pid) = self.0.get(&user_id) {
            return CallResult::Reply(*pid);
        }
        match UserServer::start_link(ctx, user_id).await {
            Ok(pid) => {
                self.0.insert(user_id, pid);
                CallResult::Reply(pid)
            }
            // `{:ok, pid} = ...` fails with a MatchError in the sheet.
            Err(error) => CallResult::Stop(ExitReason::Other(error.to_term()), None),
        }
    }
}

/// Drill 2's test block.
pub(crate) async fn scenario_users(ctx: Ctx) -> Result<(), String> {
    let started = UserCache::start_link(&ctx).await;
    show(&ctx, "UserCache.start_link()", &started);
    let pid1 = UserCache::server_process(&ctx, 1).await;
    show(&ctx, "pid1 = UserCache.server_process(1)", &pid1);
    expect(&ctx, "^pid1 = UserCache.server_process(1)", UserCache::server_process(&ctx, 1).await, pid1)?;
    let pid2 = UserCache::server_process(&ctx, 2).await;
    show(&ctx, "pid2 = UserCache.server_process(2)", &pid2);
    expect(&ctx, "pid1 != pid2", pid1 != pid2, true)?;
    UserServer::update_profile(&ctx, pid1, ProfileUpdate::email("user1@example.com"));
    show(&ctx, "UserServer.update_profile(pid1, %{email: \"user1@example.com\"})", &crate::term::Atom::new("ok"));
    let expected = Profile { user_id: 1, name: "User1".into(), email: Some("user1@example.com".into()) };
    expect(&ctx, "IO.inspect(UserServer.get_profile(pid1))", UserServer::get_profile(&ctx, pid1).await, expected)?;
    Ok(())
}
